namespace AgentTokens;

/// <summary>The scope of an agent token (<c>type</c>, named <c>scope</c> in /v1): DEPLOYMENT, WORKSPACE or ORGANIZATION, or a value added later by the server.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExtensibleEnumConverter<TokenType>))]
public sealed record TokenType : IExtensibleEnum<TokenType>
{
    /// <summary>Creates a type from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>DEPLOYMENT</c>.</param>
    public TokenType(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Scoped to a deployment.</summary>
    public static TokenType Deployment { get; } = new("DEPLOYMENT");

    /// <summary>Scoped to a workspace.</summary>
    public static TokenType Workspace { get; } = new("WORKSPACE");

    /// <summary>Scoped to an organization.</summary>
    public static TokenType Organization { get; } = new("ORGANIZATION");

    /// <summary>The type of a token built without one: the empty value.</summary>
    internal static TokenType Missing { get; } = new("");

    /// <inheritdoc />
    public static IReadOnlyList<TokenType> Known { get; } = [Deployment, Workspace, Organization];

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public static TokenType FromValue(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
