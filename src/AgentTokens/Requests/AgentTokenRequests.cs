using System.Text;
using System.Text.Json;

namespace AgentTokens;

/// <summary>
/// Builds the API's requests as values, with no I/O. Every argument the client itself relies on is
/// validated here, before anything is sent, with an <see cref="ArgumentException"/> naming the parameter.
/// </summary>
public static class AgentTokenRequests
{
    /// <summary>The largest page the API serves.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The shortest expiry period CreateAgentToken accepts, in days.</summary>
    public const int MinExpiryDays = 1;

    /// <summary>The longest expiry period CreateAgentToken accepts, in days.</summary>
    public const int MaxExpiryDays = 3650;

    private static readonly IReadOnlyList<KeyValuePair<string, string>> AcceptJson =
        [new("Accept", "application/json")];

    /// <summary>ListAgentTokens: one page of a deployment's tokens.</summary>
    /// <param name="version">The API version.</param>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="offset">How many tokens to skip (at least 0).</param>
    /// <param name="limit">The page size (0 to 1000); null leaves it to the API, whose default is 20.</param>
    /// <param name="sorts">Sorts in priority order; each field at most once.</param>
    public static ApiRequest ListAgentTokens(
        ApiVersion version, string organizationId, string deploymentId,
        int offset = 0, int? limit = null, IEnumerable<TokenSort>? sorts = null)
    {
        var query = new StringBuilder(CollectionPath(version, organizationId, deploymentId)).Append(PageQuery(offset, limit));
        foreach (var sort in ValidatedSorts(sorts))
        {
            query.Append("&sorts=").Append(sort);
        }
        return new ApiRequest(HttpMethod.Get, query.ToString(), AcceptJson, null);
    }

    /// <summary>ListDeployments: one page of an organization's deployments.</summary>
    /// <param name="version">The API version.</param>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="offset">How many deployments to skip (at least 0).</param>
    /// <param name="limit">The page size (0 to 1000); null leaves it to the API.</param>
    public static ApiRequest ListDeployments(ApiVersion version, string organizationId, int offset = 0, int? limit = null)
    {
        var path = $"{version.PathPrefix()}/organizations/{Segment(organizationId, nameof(organizationId))}/deployments";
        return new ApiRequest(HttpMethod.Get, path + PageQuery(offset, limit), AcceptJson, null);
    }

    /// <summary>GetAgentToken: one token by ID.</summary>
    /// <param name="version">The API version.</param>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="agentTokenId">The token's ID.</param>
    public static ApiRequest GetAgentToken(ApiVersion version, string organizationId, string deploymentId, string agentTokenId) =>
        new(HttpMethod.Get, ItemPath(version, organizationId, deploymentId, agentTokenId), AcceptJson, null);

    /// <summary>DeleteAgentToken: deletes one token by ID.</summary>
    /// <param name="version">The API version.</param>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="agentTokenId">The token's ID.</param>
    public static ApiRequest DeleteAgentToken(ApiVersion version, string organizationId, string deploymentId, string agentTokenId) =>
        new(HttpMethod.Delete, ItemPath(version, organizationId, deploymentId, agentTokenId), AcceptJson, null);

    /// <summary>CreateAgentToken: creates a token; the answer is the only one that carries the secret.</summary>
    /// <param name="version">The API version.</param>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="name">The token's name (not blank).</param>
    /// <param name="description">An optional description.</param>
    /// <param name="tokenExpiryPeriodInDays">1 to 3650 days; null for a token that never expires.</param>
    public static ApiRequest CreateAgentToken(
        ApiVersion version, string organizationId, string deploymentId,
        string name, string? description = null, int? tokenExpiryPeriodInDays = null)
    {
        var path = CollectionPath(version, organizationId, deploymentId);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("name must not be empty or blank.", nameof(name));
        }
        if (tokenExpiryPeriodInDays is < MinExpiryDays or > MaxExpiryDays)
        {
            throw new ArgumentOutOfRangeException(nameof(tokenExpiryPeriodInDays), tokenExpiryPeriodInDays,
                $"tokenExpiryPeriodInDays must be between {MinExpiryDays} and {MaxExpiryDays}.");
        }
        var body = JsonSerializer.Serialize(
            new CreateAgentTokenBody(name, description, tokenExpiryPeriodInDays),
            AgentTokensJsonContext.Default.CreateAgentTokenBody);
        return new ApiRequest(HttpMethod.Post, path, AcceptJson, body);
    }

    private static string CollectionPath(ApiVersion version, string organizationId, string deploymentId) =>
        $"{version.PathPrefix()}/organizations/{Segment(organizationId, nameof(organizationId))}" +
        $"/deployments/{Segment(deploymentId, nameof(deploymentId))}/agent-tokens";

    private static string ItemPath(ApiVersion version, string organizationId, string deploymentId, string agentTokenId)
    {
        var collection = CollectionPath(version, organizationId, deploymentId);
        return collection + "/" + Segment(agentTokenId, nameof(agentTokenId));
    }

    /// <summary><c>?offset=…&amp;limit=…</c>, refused before sending when the API would refuse it.</summary>
    private static string PageQuery(int offset, int? limit) =>
        offset < 0 ? throw new ArgumentOutOfRangeException(nameof(offset), offset, "offset must be 0 or more.")
        : limit is < 0 or > MaxLimit ? throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit must be between 0 and {MaxLimit}.")
        : limit is { } l ? $"?offset={offset}&limit={l}" : $"?offset={offset}";

    private static string Segment(string? value, string parameter) =>
        SegmentProblem(value) is { } problem
            ? throw new ArgumentException($"{parameter} must not be {problem}.", parameter)
            // Escaped, so that '/', '?', '#', '%' and spaces stay inside the segment.
            : Uri.EscapeDataString(value!);

    /// <summary>Why an ID cannot be a path segment ("empty or blank", "'.'", "'..'"), or null when it can.</summary>
    internal static string? SegmentProblem(string? value) => value switch
    {
        _ when string.IsNullOrWhiteSpace(value) => "empty or blank",
        // URIs collapse dot segments, even escaped as %2E: such an ID would silently address another resource.
        "." or ".." => $"'{value}': a URI cannot carry it as a path segment",
        _ => null,
    };

    private static List<TokenSort> ValidatedSorts(IEnumerable<TokenSort>? sorts)
    {
        var list = sorts?.ToList() ?? [];
        var seen = new HashSet<TokenSortField>();
        foreach (var sort in list)
        {
            if (!Enum.IsDefined(sort.Field) || !Enum.IsDefined(sort.Direction))
            {
                throw new ArgumentException($"'{(int)sort.Field}:{(int)sort.Direction}' is not a sort value.", nameof(sorts));
            }
            if (!seen.Add(sort.Field))
            {
                throw new ArgumentException($"sorts names the field '{TokenSort.WireName(sort.Field)}' more than once.", nameof(sorts));
            }
        }
        return list;
    }
}
