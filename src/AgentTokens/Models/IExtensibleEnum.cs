namespace AgentTokens;

/// <summary>
/// A string-valued enumeration that the server may extend: unknown values are kept as they came.
/// </summary>
/// <typeparam name="TSelf">The implementing record.</typeparam>
public interface IExtensibleEnum<TSelf> : IEquatable<TSelf>
    where TSelf : class, IExtensibleEnum<TSelf>
{
    /// <summary>The value exactly as the server wrote it.</summary>
    string Value { get; }

    /// <summary>The values this library version knows; reading one shares its instance.</summary>
    static abstract IReadOnlyList<TSelf> Known { get; }

    /// <summary>Whether the value is one of the values this library version knows.</summary>
    bool IsKnown { get; }

    /// <summary>Creates an instance from a wire value (known or not).</summary>
    /// <param name="value">The wire value.</param>
    static abstract TSelf FromValue(string value);
}
