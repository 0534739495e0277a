using System.Text.Json.Serialization;

namespace AgentTokens;

/// <summary>The user or service key that created or last updated a token (<c>BasicSubjectProfile</c>).</summary>
public sealed record SubjectProfile
{
    /// <summary>The subject's ID.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>USER or SERVICEKEY; absent on some responses.</summary>
    [JsonPropertyName("subjectType")]
    public SubjectType? SubjectType { get; init; }

    /// <summary>The API token's name, when the subject is a service key.</summary>
    [JsonPropertyName("apiTokenName")]
    public string? ApiTokenName { get; init; }

    /// <summary>The avatar URL, when the subject is a user.</summary>
    [JsonPropertyName("avatarUrl")]
    public string? AvatarUrl { get; init; }

    /// <summary>The full name, when the subject is a user.</summary>
    [JsonPropertyName("fullName")]
    public string? FullName { get; init; }

    /// <summary>The username (usually an e-mail address), when the subject is a user.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    /// <summary>The most readable name available: full name, username, API token name, then ID.</summary>
    [JsonIgnore]
    public string DisplayName => FullName ?? Username ?? ApiTokenName ?? Id;
}
