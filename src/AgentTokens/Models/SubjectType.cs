namespace AgentTokens;

/// <summary>The type of subject that created or updated a token: USER or SERVICEKEY, or a value added later by the server.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExtensibleEnumConverter<SubjectType>))]
public readonly struct SubjectType : IExtensibleEnum<SubjectType>
{
    private readonly string? _value;

    /// <summary>Creates a subject type from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>USER</c>.</param>
    public SubjectType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>A person.</summary>
    public static SubjectType User { get; } = new("USER");

    /// <summary>An API token (service key).</summary>
    public static SubjectType ServiceKey { get; } = new("SERVICEKEY");

    /// <inheritdoc />
    public string Value => _value ?? "";

    /// <inheritdoc />
    public bool IsKnown => this == User || this == ServiceKey;

    /// <inheritdoc />
    public static SubjectType FromValue(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(SubjectType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SubjectType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Compares two subject types by value.</summary>
    public static bool operator ==(SubjectType left, SubjectType right) => left.Equals(right);

    /// <summary>Compares two subject types by value.</summary>
    public static bool operator !=(SubjectType left, SubjectType right) => !left.Equals(right);
}
