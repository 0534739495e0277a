using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentTokens;

/// <summary>
/// An Agent API token (<c>ApiToken</c>): the credential an Airflow 3 Remote Execution agent uses.
/// Every field the API returns is here; optional ones are nullable.
/// </summary>
/// <remarks>The secret <see cref="Token"/> comes only from CreateAgentToken and never appears in <see cref="ToString"/>.
/// Equality is by value, the roles compared in order.</remarks>
public sealed record AgentToken : IJsonOnDeserialized
{
    private readonly IReadOnlyList<TokenRole> _roles = ValueList<TokenRole>.Of(null);
    private readonly string _description = "";
    private TokenScope? _scope;

    /// <summary>The token's ID (a CUID).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The token's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The description; may be the empty string (which is also what an absent or null description reads as).</summary>
    [JsonPropertyName("description")]
    [AllowNull]
    public string Description { get => _description; init => _description = value ?? ""; }

    /// <summary>STANDARD, DIRECT_ACCESS, or a value added later.</summary>
    [JsonPropertyName("kind")]
    public required TokenKind Kind { get; init; }

    /// <summary>
    /// DEPLOYMENT, WORKSPACE, ORGANIZATION, or a value added later: <c>scope</c> in the stable <c>/v1</c> API, the field
    /// the deprecated <c>v1beta1</c> APIs call <c>type</c>. Both are read; <c>scope</c> is written.
    /// </summary>
    [JsonPropertyName("scope")]
    public TokenScope Scope { get => _scope ?? TokenScope.Missing; init => _scope = value ?? _scope; }

    /// <summary>The <c>v1beta1</c> name of <see cref="Scope"/>; only read, never written.</summary>
    [JsonInclude]
    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    // Source-generated deserialization sets every init-only member, absent ones to null: a null leaves the scope as it is.
    internal TokenScope? TypeOnTheWire { get => null; init => _scope ??= value; }

    /// <summary>The visible prefix of the token, safe to show.</summary>
    [JsonPropertyName("shortToken")]
    public required string ShortToken { get; init; }

    /// <summary>
    /// The secret token value. Only CreateAgentToken returns it. It is read from JSON but never written, never shown
    /// by <see cref="ToString"/> and hidden from debuggers: read the property itself when you need it.
    /// </summary>
    [JsonIgnore]
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? Token { get; init; }

    /// <summary>The wire side of <see cref="Token"/>: read from the API's answer, never written (it reads as null).</summary>
    [JsonInclude]
    [JsonPropertyName("token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal string? SecretOnTheWire { get => null; init => Token = value; }

    /// <summary>When the token was created.</summary>
    [JsonPropertyName("createdAt")]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the token was last updated.</summary>
    [JsonPropertyName("updatedAt")]
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the token becomes valid.</summary>
    [JsonPropertyName("startAt")]
    public required DateTimeOffset StartAt { get; init; }

    /// <summary>When the token expires; null when it never expires.</summary>
    [JsonPropertyName("endAt")]
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>The expiry period in days; null when the token never expires.</summary>
    [JsonPropertyName("expiryPeriodInDays")]
    public int? ExpiryPeriodInDays { get; init; }

    /// <summary>When the token was last used; null when it was never used.</summary>
    [JsonPropertyName("lastUsedAt")]
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>When the token was last rotated (<c>/v1</c> only).</summary>
    [JsonPropertyName("lastRotatedAt")]
    public DateTimeOffset? LastRotatedAt { get; init; }

    /// <summary>Who created the token.</summary>
    [JsonPropertyName("createdBy")]
    public SubjectProfile? CreatedBy { get; init; }

    /// <summary>Who last updated the token.</summary>
    [JsonPropertyName("updatedBy")]
    public SubjectProfile? UpdatedBy { get; init; }

    /// <summary>The roles granted to the token; empty when the API sent none.</summary>
    [JsonPropertyName("roles")]
    [AllowNull]
    public IReadOnlyList<TokenRole> Roles { get => _roles; init => _roles = ValueList<TokenRole>.Of(value); }

    /// <summary>A copy without the secret, to keep or show.</summary>
    public AgentToken WithoutSecret() => Token is null ? this : this with { Token = null };

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (_scope is null)
        {
            throw new JsonException($"Agent token '{TerminalText.EscapeAndCut(Id, 100)}' has neither 'scope' nor 'type'.");
        }
        if (_roles.Contains(null!))
        {
            throw new JsonException($"Agent token '{TerminalText.EscapeAndCut(Id, 100)}' has a null role.");
        }
    }

    /// <summary>Writes every field but the secret <see cref="Token"/>, which shows as <c>***</c> when present.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        static string At(DateTimeOffset? t) => t?.ToString("O") ?? "null";
        builder.Append($"Id = {Id}, Name = {Name}, Description = {Description}, Kind = {Kind}, Scope = {Scope}, ShortToken = {ShortToken}, ")
            .Append($"Token = {(Token is null ? "null" : "***")}, CreatedAt = {At(CreatedAt)}, UpdatedAt = {At(UpdatedAt)}, StartAt = {At(StartAt)}, ")
            .Append($"EndAt = {At(EndAt)}, ExpiryPeriodInDays = {ExpiryPeriodInDays?.ToString() ?? "null"}, LastUsedAt = {At(LastUsedAt)}, ")
            .Append($"LastRotatedAt = {At(LastRotatedAt)}, CreatedBy = {CreatedBy?.DisplayName ?? "null"}, UpdatedBy = {UpdatedBy?.DisplayName ?? "null"}, ")
            .Append($"Roles = [{string.Join(", ", Roles.Select(r => $"{r.Role} on {r.EntityType} {r.EntityId}"))}]");
        return true;
    }
}
