// The naive listing: HttpClient, GetFromJsonAsync per page (limit 1000), every token printed as JSON.
// Usage: naive-list BASE_URL ORGANIZATION DEPLOYMENT, with the bearer token in ASTRO_API_TOKEN.
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using var http = new HttpClient { BaseAddress = new Uri(args[0]) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("ASTRO_API_TOKEN"));
var tokens = new List<NaiveToken>();
for (var offset = 0; ;)
{
    var page = await http.GetFromJsonAsync<NaivePage>($"v1/organizations/{args[1]}/deployments/{args[2]}/agent-tokens?offset={offset}&limit=1000")
        ?? throw new InvalidOperationException("no page");
    tokens.AddRange(page.Tokens);
    offset += page.Tokens.Count;
    if (page.Tokens.Count == 0 || offset >= page.TotalCount)
    {
        break;
    }
}
Console.WriteLine(JsonSerializer.Serialize(tokens, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));

/// <summary>A page of ListAgentTokens, as a naive program models it (the in-process benchmark reads the same).</summary>
public sealed record NaivePage(int Limit, int Offset, int TotalCount, List<NaiveToken> Tokens);

/// <summary>A token, every field the API sends but the secret.</summary>
public sealed record NaiveToken(
    string Id, string Name, string? Description, string Kind, string? Scope, string? Type, string ShortToken,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset StartAt, DateTimeOffset? EndAt, int? ExpiryPeriodInDays,
    DateTimeOffset? LastUsedAt, DateTimeOffset? LastRotatedAt, NaiveSubject? CreatedBy, NaiveSubject? UpdatedBy, List<NaiveRole> Roles);

/// <summary>Who created or updated a token.</summary>
public sealed record NaiveSubject(string Id, string? SubjectType, string? FullName, string? Username, string? AvatarUrl, string? ApiTokenName);

/// <summary>A role of a token.</summary>
public sealed record NaiveRole(string EntityId, string EntityType, string Role, string? DeploymentId);
