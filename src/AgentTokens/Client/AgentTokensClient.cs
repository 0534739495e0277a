using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace AgentTokens;

/// <summary>
/// A thin client for the agent-token operations. It builds requests with <see cref="AgentTokenRequests"/>,
/// sends them through one method, and turns failures into <see cref="AstroApiException"/>.
/// Thread-safe; make one and keep it.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed partial class AgentTokensClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly AuthenticationHeaderValue _authorization;
    private readonly MethodLimiters? _limiters;
    private ClientPipelines? _pipelines;

    /// <summary>Creates a client over a caller's <see cref="HttpClient"/>, which it never disposes.</summary>
    /// <param name="httpClient">The HTTP client; its BaseAddress is not used.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    public AgentTokensClient(HttpClient httpClient, AgentTokensClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        Options = options ?? new AgentTokensClientOptions();
        var bearer = ClientGuards.BearerToken(Options);
        _authorization = new AuthenticationHeaderValue("Bearer", bearer);
        ClientGuards.CheckBaseAddress(Options.BaseAddress);
        ClientGuards.CheckPaging(Options);
        _limiters = Options.RateLimitRegistry.For(bearer, Options.RateLimits, Options.TimeProvider);
        _http = httpClient;
    }

    /// <summary>
    /// Creates a client with its own long-lived connection pool (<see cref="AgentTokensHttp.CreateHandler"/>: no
    /// redirects followed; the environment's proxy, except for loopback addresses), disposed with the client.
    /// </summary>
    /// <param name="options">Settings; null for the defaults.</param>
    public AgentTokensClient(AgentTokensClientOptions? options = null)
        : this(new HttpClient(AgentTokensHttp.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan }, options) => _ownsHttpClient = true;

    /// <summary>The client's settings.</summary>
    public AgentTokensClientOptions Options { get; }

    /// <summary>Reads one page of ListAgentTokens.</summary>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="offset">How many tokens to skip.</param>
    /// <param name="limit">The page size (0 to 1000); null leaves it to the API (20).</param>
    /// <param name="sorts">Sorts in priority order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AgentTokenPage> GetPageAsync(
        string organizationId, string deploymentId, int offset = 0, int? limit = null,
        IEnumerable<TokenSort>? sorts = null, CancellationToken cancellationToken = default)
    {
        var request = AgentTokenRequests.ListAgentTokens(Options.ApiVersion, organizationId, deploymentId, offset, limit, sorts);
        return SendAsync(request, AgentTokensJsonContext.Default.AgentTokenPage, Options.MaxPageBytes, BoundViolation.MaxPageBytes, offset, cancellationToken)!;
    }

    /// <summary>Reads one token (GetAgentToken).</summary>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="agentTokenId">The token's ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AgentToken> GetAsync(string organizationId, string deploymentId, string agentTokenId, CancellationToken cancellationToken = default)
    {
        var request = AgentTokenRequests.GetAgentToken(Options.ApiVersion, organizationId, deploymentId, agentTokenId);
        return SendAsync(request, AgentTokensJsonContext.Default.AgentToken, Options.MaxTokenBytes, BoundViolation.MaxTokenBytes, null, cancellationToken)!;
    }

    /// <summary>Creates a token (CreateAgentToken). The answer's <see cref="AgentToken.Token"/> is the secret, shown only this once.</summary>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="name">The token's name.</param>
    /// <param name="description">An optional description.</param>
    /// <param name="tokenExpiryPeriodInDays">1 to 3650 days; null for a token that never expires.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AgentToken> CreateAsync(
        string organizationId, string deploymentId, string name, string? description = null,
        int? tokenExpiryPeriodInDays = null, CancellationToken cancellationToken = default)
    {
        var request = AgentTokenRequests.CreateAgentToken(Options.ApiVersion, organizationId, deploymentId, name, description, tokenExpiryPeriodInDays);
        return SendAsync(request, AgentTokensJsonContext.Default.AgentToken, Options.MaxTokenBytes, BoundViolation.MaxTokenBytes, null, cancellationToken)!;
    }

    /// <summary>
    /// Deletes a token (DeleteAgentToken). A 404 on the first attempt is an <see cref="AstroApiException"/> (the token
    /// was not there); a 404 on a retry counts as done, since an earlier attempt may have deleted it before its answer was lost.
    /// </summary>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="agentTokenId">The token's ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task DeleteAsync(string organizationId, string deploymentId, string agentTokenId, CancellationToken cancellationToken = default)
    {
        var request = AgentTokenRequests.DeleteAgentToken(Options.ApiVersion, organizationId, deploymentId, agentTokenId);
        return SendAsync<object>(request, null, 0, BoundViolation.MaxTokenBytes, null, cancellationToken);
    }

    /// <summary>Where the client points: address and API version, never the bearer token.</summary>
    public override string ToString() => $"AgentTokensClient({Options.BaseAddress}, {Options.ApiVersion})";

    /// <summary>Disposes the connection pool if the client made it; a caller's HttpClient is left alone.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }
}
