using System.Collections.ObjectModel;

namespace AgentTokens;

/// <summary>
/// A read-only list equal to any other holding equal items in the same order, so that records holding one (a token's
/// roles, a page's tokens, a query's sorts) compare by value with the equality the compiler writes for them.
/// </summary>
internal sealed class ValueList<T> : ReadOnlyCollection<T>
{
    private static readonly ValueList<T> None = new(Array.Empty<T>());

    private ValueList(IList<T> items) : base(items) { }

    /// <summary>The items as a value list (a list is wrapped, not copied, as a record keeps what it is given); null reads as empty.</summary>
    public static IReadOnlyList<T> Of(IEnumerable<T>? items) => items switch
    {
        null => None,
        ValueList<T> list => list,
        IList<T> list => new ValueList<T>(list),
        _ => new ValueList<T>([.. items]),
    };

    /// <summary>Equal to another value list of equal items in the same order.</summary>
    public override bool Equals(object? obj) => obj is ValueList<T> other && this.SequenceEqual(other);

    /// <summary>A hash that agrees with <see cref="Equals"/>.</summary>
    public override int GetHashCode() => Count;
}
