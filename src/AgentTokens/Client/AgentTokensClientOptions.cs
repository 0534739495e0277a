using System.Diagnostics;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentTokens;

/// <summary>Immutable settings of an <see cref="AgentTokensClient"/>. Change them with <c>with</c>.</summary>
public sealed record AgentTokensClientOptions
{
    /// <summary>The environment variable read when <see cref="ApiToken"/> is null.</summary>
    public const string ApiTokenVariable = "ASTRO_API_TOKEN";

    /// <summary>The Astro API's address.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://api.astronomer.io/");

    /// <summary>The API's address; HTTPS, or plain HTTP on a loopback address only.</summary>
    public Uri BaseAddress { get; init; } = DefaultBaseAddress;

    /// <summary>The base path to use; <see cref="ApiVersion.V1"/> by default.</summary>
    public ApiVersion ApiVersion { get; init; } = ApiVersion.V1;

    /// <summary>The bearer token (null: <c>ASTRO_API_TOKEN</c>). Never shown, never serialized, hidden from debuggers.</summary>
    [JsonIgnore]
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? ApiToken { get; init; }

    /// <summary>The pager's page size: 1000 by default, the API's maximum (its own default of 20 costs 50 times the requests).</summary>
    public int PageSize { get; init; } = AgentTokenRequests.MaxLimit;

    /// <summary>The most requests one listing may make (10,000), checked against the first page's <c>totalCount</c>:
    /// an impossible total is refused at once (<see cref="AstroApiException.Violation"/> <c>MaxPages</c>).</summary>
    public int MaxPages { get; init; } = 10_000;

    /// <summary>
    /// The most tokens one deployment's listing may claim (its totalCount) or deliver: 10,000 by default, far above
    /// the API's 50 per deployment and far below what would exhaust a machine. A listing past it stops at the first
    /// page that shows it (<see cref="AstroApiException.Violation"/> <see cref="BoundViolation.MaxTokens"/>).
    /// </summary>
    public int MaxTokens { get; init; } = 10_000;

    /// <summary>
    /// The most deployments an organization's listing may claim or deliver: 10,000 by default
    /// (<see cref="BoundViolation.MaxDeployments"/>).
    /// </summary>
    public int MaxDeployments { get; init; } = 10_000;

    /// <summary>The most bytes a page of a listing may take, after decompression (16 MiB by default; a full page of 1000 tokens is about 1 MiB).</summary>
    public long MaxPageBytes { get; init; } = 16L << 20;

    /// <summary>The most bytes one token's answer (Get, Create) may take, after decompression (1 MiB by default).</summary>
    public long MaxTokenBytes { get; init; } = 1L << 20;

    /// <summary>The most bytes of an error answer that are read (64 KiB by default); the rest is left unread.</summary>
    public long MaxErrorBytes { get; init; } = 64L << 10;

    /// <summary>How long one attempt may take, headers and body, before it fails (and, for GET and DELETE, is retried).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>How GET and DELETE are retried; <see cref="RetryOptions.None"/> turns retries off.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Client-side rate limits per API token; <see cref="RateLimitOptions.Disabled"/> turns them off.</summary>
    public RateLimitOptions RateLimits { get; init; } = new();

    /// <summary>Where the rate limiters live: clients with the same registry and bearer token share one budget
    /// (default: the process's <see cref="AgentTokens.RateLimitRegistry.Shared"/>).</summary>
    public RateLimitRegistry RateLimitRegistry { get; init; } = RateLimitRegistry.Shared;

    /// <summary>Whether a listing the pager cannot prove complete raises (<see cref="Completeness.Strict"/>, the default) or finishes with diagnostics.</summary>
    public Completeness Completeness { get; init; } = Completeness.Strict;

    /// <summary>How many times a listing may be read again from the start after a shift before it is declared incomplete.</summary>
    public int MaxRereads { get; init; } = 3;

    /// <summary>Each page after the first starts one token early to check the boundary, catching even a delete and an
    /// insert between two requests (which leave <c>totalCount</c> unchanged); may cost one request more. Off by default.</summary>
    public bool VerifyPageBoundaries { get; init; }

    /// <summary>The clock for retry waits, Retry-After dates, timeouts and the rate limiter (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where requests, retries and failures are logged; the Authorization header is always redacted.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Writes every setting but the bearer token, which shows as <c>***</c>.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"BaseAddress = {BaseAddress}, ApiVersion = {ApiVersion}, ApiToken = {(ApiToken is null ? "null" : "***")}, ")
            .Append($"PageSize = {PageSize}, MaxPages = {MaxPages}, MaxTokens = {MaxTokens}, MaxDeployments = {MaxDeployments}, MaxPageBytes = {MaxPageBytes}, MaxTokenBytes = {MaxTokenBytes}, ")
            .Append($"MaxErrorBytes = {MaxErrorBytes}, RequestTimeout = {RequestTimeout}, Retry = {Retry}, RateLimits = {RateLimits}, ")
            .Append($"Completeness = {Completeness}, VerifyPageBoundaries = {VerifyPageBoundaries}");
        return true;
    }
}
