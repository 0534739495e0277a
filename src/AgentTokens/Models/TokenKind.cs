namespace AgentTokens;

/// <summary>The kind of an agent token (<c>kind</c>): STANDARD or DIRECT_ACCESS, or a value added later by the server.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExtensibleEnumConverter<TokenKind>))]
public sealed record TokenKind : IExtensibleEnum<TokenKind>
{
    /// <summary>Creates a kind from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>STANDARD</c>.</param>
    public TokenKind(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>A standard agent token.</summary>
    public static TokenKind Standard { get; } = new("STANDARD");

    /// <summary>A token for direct access.</summary>
    public static TokenKind DirectAccess { get; } = new("DIRECT_ACCESS");

    /// <inheritdoc />
    public static IReadOnlyList<TokenKind> Known { get; } = [Standard, DirectAccess];

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public static TokenKind FromValue(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
