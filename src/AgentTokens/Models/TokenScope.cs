namespace AgentTokens;

/// <summary>
/// The scope of an agent token: DEPLOYMENT, WORKSPACE or ORGANIZATION, or a value added later by the server. The field is
/// <c>scope</c> in the stable <c>/v1</c> API and <c>type</c> in the deprecated <c>v1beta1</c> ones; this project calls it
/// scope everywhere (code and output), after the API that stays.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExtensibleEnumConverter<TokenScope>))]
public sealed record TokenScope : IExtensibleEnum<TokenScope>
{
    /// <summary>Creates a scope from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>DEPLOYMENT</c>.</param>
    public TokenScope(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Scoped to a deployment.</summary>
    public static TokenScope Deployment { get; } = new("DEPLOYMENT");

    /// <summary>Scoped to a workspace.</summary>
    public static TokenScope Workspace { get; } = new("WORKSPACE");

    /// <summary>Scoped to an organization.</summary>
    public static TokenScope Organization { get; } = new("ORGANIZATION");

    /// <summary>The scope of a token built without one: the empty value.</summary>
    internal static TokenScope Missing { get; } = new("");

    /// <inheritdoc />
    public static IReadOnlyList<TokenScope> Known { get; } = [Deployment, Workspace, Organization];

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public static TokenScope FromValue(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
