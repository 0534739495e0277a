using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace AgentTokens;

/// <summary>
/// A thin client for the agent-token operations. It builds requests with <see cref="AgentTokenRequests"/>,
/// sends them through one method, and turns failures into <see cref="AstroApiException"/>.
/// Thread-safe; make one and keep it.
/// </summary>
[System.Diagnostics.DebuggerDisplay("{ToString(),nq}")]
public sealed partial class AgentTokensClient : IDisposable
{
    private static readonly ProductInfoHeaderValue UserAgent = new("AgentTokens.Functional", LibraryVersion());

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    [System.Diagnostics.DebuggerBrowsable(System.Diagnostics.DebuggerBrowsableState.Never)]
    private readonly AuthenticationHeaderValue _authorization;
    private readonly MethodLimiters? _limiters;
    private readonly ClientPipelines _pipelines;

    /// <summary>Creates a client over a caller's <see cref="HttpClient"/>, which it never disposes.</summary>
    /// <param name="httpClient">The HTTP client; its BaseAddress is not used.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    public AgentTokensClient(HttpClient httpClient, AgentTokensClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        Options = options ?? new AgentTokensClientOptions();
        var bearer = ClientGuards.BearerToken(Options);
        _authorization = new AuthenticationHeaderValue("Bearer", bearer);
        _limiters = RateLimiters.For(bearer, Options.RateLimits);
        ClientGuards.CheckBaseAddress(Options.BaseAddress);
        ClientGuards.CheckPaging(Options);
        _pipelines = new ClientPipelines(Options);
        _http = httpClient;
    }

    /// <summary>Creates a client with its own long-lived connection pool (no redirects followed), disposed with the client.</summary>
    /// <param name="options">Settings; null for the defaults.</param>
    public AgentTokensClient(AgentTokensClientOptions? options = null)
        : this(new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        })
        { Timeout = Timeout.InfiniteTimeSpan }, options) => _ownsHttpClient = true;

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
        return SendAsync(request, PageBodies.WholePageAsync, offset, cancellationToken)!;
    }

    /// <summary>Reads one token (GetAgentToken).</summary>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="agentTokenId">The token's ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AgentToken> GetAsync(string organizationId, string deploymentId, string agentTokenId, CancellationToken cancellationToken = default)
    {
        var request = AgentTokenRequests.GetAgentToken(Options.ApiVersion, organizationId, deploymentId, agentTokenId);
        return SendAsync(request, Json(AgentTokensJsonContext.Default.AgentToken), null, cancellationToken)!;
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
        return SendAsync(request, Json(AgentTokensJsonContext.Default.AgentToken), null, cancellationToken)!;
    }

    /// <summary>Deletes a token (DeleteAgentToken).</summary>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="agentTokenId">The token's ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task DeleteAsync(string organizationId, string deploymentId, string agentTokenId, CancellationToken cancellationToken = default)
    {
        var request = AgentTokenRequests.DeleteAgentToken(Options.ApiVersion, organizationId, deploymentId, agentTokenId);
        return SendAsync<object>(request, null, null, cancellationToken);
    }

    /// <summary>
    /// Sends a request built by <see cref="AgentTokenRequests"/> and reads the answer: the one place that does I/O.
    /// GET and DELETE go through the retry pipeline, POST is sent once; every attempt waits for the rate limiter.
    /// </summary>
    private async Task<T?> SendAsync<T>(ApiRequest request, BodyReader<T>? answer, int? pageOffset, CancellationToken cancellationToken)
        where T : class
    {
        var attempts = 0;
        var isDelete = request.Method == HttpMethod.Delete;
        var pipeline = request.Method == HttpMethod.Post ? _pipelines.Once : _pipelines.Idempotent;
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                try
                {
                    return await _pipelines.Attempt.ExecuteAsync(t => AttemptAsync(request, answer, pageOffset, attempts, t), token).ConfigureAwait(false);
                }
                catch (TimeoutRejectedException e)
                {
                    throw new AstroApiException(
                        $"{request.Method.Method} {request.RelativeUri} timed out after {Options.RequestTimeout.TotalSeconds:0.###} s{(pageOffset is { } o ? $" (page at offset {o})" : "")}.",
                        0, request.Method.Method, request.RelativeUri, e) { PageOffset = pageOffset };
                }
                catch (AstroApiException e) when (isDelete && e.StatusCode == 404 && attempts > 1)
                {
                    // An earlier attempt may have deleted it before its answer was lost: the token is gone, as asked.
                    Options.Logger.LogInformation("DELETE {Path} answered 404 on attempt {Attempt}: counted as deleted", request.RelativeUri, attempts);
                    return null;
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AstroApiException e)
        {
            e.Attempts = attempts;
            Options.Logger.LogError("{Method} {Path} failed after {Attempts} attempt(s): {Status} [requestId {RequestId}]",
                e.Method, e.Path, attempts, e.StatusCode, e.RequestId);
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            throw new AstroApiException(
                $"{request.Method.Method} {request.RelativeUri} gave up: the time budget of {Options.Retry.TotalBudget.TotalSeconds:0.###} s ran out.",
                0, request.Method.Method, request.RelativeUri, e) { PageOffset = pageOffset, Attempts = attempts };
        }
    }

    private async ValueTask<T?> AttemptAsync<T>(ApiRequest request, BodyReader<T>? answer, int? pageOffset, int attempt, CancellationToken cancellationToken)
        where T : class
    {
        var limiter = _limiters?.For(request.Method);
        var lease = limiter is null ? null : await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        using var message = request.ToHttpRequestMessage(Options.BaseAddress);
        message.Headers.Authorization = _authorization;
        message.Headers.UserAgent.Add(UserAgent);
        if (Options.Logger.IsEnabled(LogLevel.Trace))
        {
            Options.Logger.LogTrace("Sending {Method} {Uri} (attempt {Attempt}) with headers: {Headers}",
                request.Method.Method, message.RequestUri, attempt, Redaction.Headers(message.Headers));
        }
        var started = Options.TimeProvider.GetTimestamp();
        var status = 0;
        try
        {
            HttpResponseMessage received;
            try
            {
                received = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The server has counted this request (or it never arrived): the rate limiter counts from now.
                lease?.Dispose();
            }
            using var response = received;
            status = (int)response.StatusCode;
            Options.Logger.LogDebug("{Method} {Path} answered {Status} in {Elapsed} ms (attempt {Attempt})",
                request.Method.Method, request.RelativeUri, status, (int)Options.TimeProvider.GetElapsedTime(started).TotalMilliseconds, attempt);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
                throw ErrorResponses.FromResponse(request, status, response.ReasonPhrase, body, requestId, pageOffset, RetryAfter(response));
            }
            if (answer is null)
            {
                return null;
            }
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await answer(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException e) when (status == 0)
        {
            var where = pageOffset is { } o ? $" (page at offset {o})" : "";
            throw new AstroApiException(
                $"{request.Method.Method} {request.RelativeUri} failed: no answer from {Options.BaseAddress.Host}{where} ({e.Message}).",
                0, request.Method.Method, request.RelativeUri, e) { PageOffset = pageOffset };
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            var where = pageOffset is { } o ? $" (page at offset {o})" : "";
            throw new AstroApiException(
                $"{request.Method.Method} {request.RelativeUri} answered {status} but its body was cut short{where}: {e.Message}",
                status, request.Method.Method, request.RelativeUri, e) { PageOffset = pageOffset, IsTruncated = true };
        }
        catch (JsonException e)
        {
            var where = pageOffset is { } o ? $" (page at offset {o})" : "";
            throw new AstroApiException(
                $"{request.Method.Method} {request.RelativeUri} answered {status} with a body that could not be read as {AnswerName<T>()}{where}: {e.Message}",
                status, request.Method.Method, request.RelativeUri, e) { PageOffset = pageOffset };
        }
    }

    /// <summary>Reads a successful answer's body; each attempt reads its own body.</summary>
    private delegate ValueTask<T> BodyReader<T>(Stream body, CancellationToken cancellationToken);

    /// <summary>Reads the whole body as one source-generated JSON value.</summary>
    private static BodyReader<T> Json<T>(JsonTypeInfo<T> info) where T : class =>
        async (body, cancellationToken) => await JsonSerializer.DeserializeAsync(body, info, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("The body was the JSON literal null.");

    /// <summary>The wire name of what a body is read as, for messages.</summary>
    private static string AnswerName<T>() => typeof(T) == typeof(PageSummary) ? nameof(AgentTokenPage) : typeof(T).Name;

    /// <summary>The wait a Retry-After header asks for, in seconds or as an HTTP date.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - Options.TimeProvider.GetUtcNow(),
            _ => null,
        };

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

    private static string LibraryVersion()
    {
        var version = typeof(AgentTokensClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return version.Split('+')[0];
    }
}
