namespace AgentTokens.Sandbox;

/// <summary>The 14 documented sort values and how the sandbox orders by them: ordinal text, then time, ties broken by ID.</summary>
public static class Sorting
{
    /// <summary>The sortable fields by wire name, with the key each one reads.</summary>
    private static readonly Dictionary<string, Comparison<SandboxToken>> Fields = new(StringComparer.Ordinal)
    {
        ["name"] = (a, b) => string.CompareOrdinal(a.Name, b.Name),
        ["description"] = (a, b) => string.CompareOrdinal(a.Description, b.Description),
        ["createdAt"] = (a, b) => a.CreatedAt.CompareTo(b.CreatedAt),
        ["updatedAt"] = (a, b) => a.UpdatedAt.CompareTo(b.UpdatedAt),
        ["createdById"] = (a, b) => string.CompareOrdinal(a.CreatedBy?.Id, b.CreatedBy?.Id),
        ["updatedById"] = (a, b) => string.CompareOrdinal(a.UpdatedBy?.Id, b.UpdatedBy?.Id),
        ["tokenStartAt"] = (a, b) => a.StartAt.CompareTo(b.StartAt),
    };

    /// <summary>All 14 valid sort values, e.g. <c>createdAt:desc</c>.</summary>
    public static IReadOnlyList<string> Values { get; } =
        [.. Fields.Keys.SelectMany(f => new[] { f + ":asc", f + ":desc" })];

    /// <summary>Whether a value is one of the 14.</summary>
    /// <param name="value">The query value.</param>
    public static bool IsValid(string value) => Values.Contains(value, StringComparer.Ordinal);

    /// <summary>A comparison applying each sort in turn, then the ID, so that every order is total and paging deterministic.</summary>
    /// <param name="sorts">Valid sort values, in priority order.</param>
    public static Comparison<SandboxToken> Comparison(IReadOnlyList<string> sorts)
    {
        var parts = sorts.Select(s =>
        {
            var (field, dir) = (s[..s.IndexOf(':')], s[(s.IndexOf(':') + 1)..]);
            var compare = Fields[field];
            return dir == "desc" ? (a, b) => compare(b, a) : compare;
        }).ToArray();
        return (a, b) =>
        {
            foreach (var part in parts)
            {
                var c = part(a, b);
                if (c != 0)
                {
                    return c;
                }
            }
            return string.CompareOrdinal(a.Id, b.Id);
        };
    }
}
