namespace AgentTokens;

/// <summary>The type of subject that created or updated a token: USER or SERVICEKEY, or a value added later by the server.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExtensibleEnumConverter<SubjectType>))]
public sealed record SubjectType : IExtensibleEnum<SubjectType>
{
    /// <summary>Creates a subject type from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>USER</c>.</param>
    public SubjectType(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>A person.</summary>
    public static SubjectType User { get; } = new("USER");

    /// <summary>An API token (service key).</summary>
    public static SubjectType ServiceKey { get; } = new("SERVICEKEY");

    /// <inheritdoc />
    public static IReadOnlyList<SubjectType> Known { get; } = [User, ServiceKey];

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public static SubjectType FromValue(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
