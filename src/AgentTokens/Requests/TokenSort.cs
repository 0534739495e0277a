namespace AgentTokens;

/// <summary>A field ListAgentTokens can sort by.</summary>
public enum TokenSortField
{
    /// <summary><c>name</c></summary>
    Name,
    /// <summary><c>description</c></summary>
    Description,
    /// <summary><c>createdAt</c></summary>
    CreatedAt,
    /// <summary><c>updatedAt</c></summary>
    UpdatedAt,
    /// <summary><c>createdById</c></summary>
    CreatedById,
    /// <summary><c>updatedById</c></summary>
    UpdatedById,
    /// <summary><c>tokenStartAt</c></summary>
    TokenStartAt,
}

/// <summary>A sort direction.</summary>
public enum SortDirection
{
    /// <summary>Ascending (<c>asc</c>).</summary>
    Ascending,
    /// <summary>Descending (<c>desc</c>).</summary>
    Descending,
}

/// <summary>
/// One of the 14 documented sort values, e.g. <c>createdAt:desc</c>. <see cref="Ascending"/>, <see cref="Descending"/>
/// and <see cref="TryParse"/> build only those; the constructor takes any enum value, and the request builder refuses
/// one outside the enums before anything is sent.
/// </summary>
/// <param name="Field">The field.</param>
/// <param name="Direction">The direction.</param>
public readonly record struct TokenSort(TokenSortField Field, SortDirection Direction)
{
    /// <summary>All 14 sort values the API documents, in its order.</summary>
    public static IReadOnlyList<TokenSort> All { get; } =
        [.. Enum.GetValues<TokenSortField>().SelectMany(f => new[] { Ascending(f), Descending(f) })];

    private static readonly Dictionary<string, TokenSort> ByText = All.ToDictionary(s => s.ToString(), StringComparer.Ordinal);

    /// <summary>An ascending sort on a field.</summary>
    /// <param name="field">The field.</param>
    public static TokenSort Ascending(TokenSortField field) => new(Validated(field), SortDirection.Ascending);

    /// <summary>A descending sort on a field.</summary>
    /// <param name="field">The field.</param>
    public static TokenSort Descending(TokenSortField field) => new(Validated(field), SortDirection.Descending);

    /// <summary>The field's wire name, e.g. <c>tokenStartAt</c>.</summary>
    /// <param name="field">The field.</param>
    public static string WireName(TokenSortField field) => field switch
    {
        TokenSortField.Name => "name",
        TokenSortField.Description => "description",
        TokenSortField.CreatedAt => "createdAt",
        TokenSortField.UpdatedAt => "updatedAt",
        TokenSortField.CreatedById => "createdById",
        TokenSortField.UpdatedById => "updatedById",
        TokenSortField.TokenStartAt => "tokenStartAt",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown sort field."),
    };

    /// <summary>The wire value, e.g. <c>createdAt:desc</c>.</summary>
    public override string ToString() =>
        WireName(Field) + (Direction == SortDirection.Descending ? ":desc" : ":asc");

    /// <summary>Parses a wire value such as <c>createdAt:desc</c> (exact, case-sensitive, as the API requires).</summary>
    /// <param name="text">The text.</param>
    /// <param name="sort">The sort, when the text is one of the 14 values.</param>
    public static bool TryParse(string? text, out TokenSort sort) => ByText.TryGetValue(text ?? "", out sort);

    /// <summary>Parses a wire value, throwing <see cref="FormatException"/> naming the valid values when it is none of them.</summary>
    /// <param name="text">The text.</param>
    public static TokenSort Parse(string text) =>
        TryParse(text, out var sort)
            ? sort
            : throw new FormatException($"'{text}' is not a sort value; expected one of: {string.Join(", ", All)}.");

    private static TokenSortField Validated(TokenSortField field) =>
        Enum.IsDefined(field) ? field : throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown sort field.");
}
