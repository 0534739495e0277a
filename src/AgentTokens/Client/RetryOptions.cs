namespace AgentTokens;

/// <summary>
/// How GET and DELETE are retried (Create is never retried: it is not idempotent). Retried: 429, 500, 502, 503,
/// 504, timeouts, connection failures and truncated bodies. Immutable; change with <c>with</c>.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>No retries: one attempt per call.</summary>
    public static RetryOptions None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts per call, the first included (default 5).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first backoff delay; it doubles each retry, with jitter (default 500 ms).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff delay (default 30 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait a <c>Retry-After</c> header may impose (default 60 s); longer ones are capped.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The total time a call may take, all attempts and waits included (default 3 minutes).</summary>
    public TimeSpan TotalBudget { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Whether backoff delays are jittered (default true), so that many clients do not retry in step.</summary>
    public bool UseJitter { get; init; } = true;
}

/// <summary>
/// Client-side rate limits per API token, so that a busy pager or a fan-out does not earn 429s. The defaults are
/// the Astro API's: GET 25/s, POST 10/s, DELETE 5/s. Clients with the same bearer token share the limits.
/// </summary>
public sealed record RateLimitOptions
{
    /// <summary>No client-side limiting.</summary>
    public static RateLimitOptions Disabled { get; } = new() { Enabled = false };

    /// <summary>Whether requests are limited (default true).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>GET requests per second (default 25).</summary>
    public int GetPerSecond { get; init; } = 25;

    /// <summary>POST requests per second (default 10).</summary>
    public int PostPerSecond { get; init; } = 10;

    /// <summary>DELETE requests per second (default 5).</summary>
    public int DeletePerSecond { get; init; } = 5;
}

/// <summary>What the pager does when it cannot prove a listing complete.</summary>
public enum Completeness
{
    /// <summary>Raise <see cref="IncompleteListingException"/> (the default): a listing is complete or it fails loudly.</summary>
    Strict,

    /// <summary>Finish, and record what was seen in the <see cref="ListingDiagnostics"/> passed to the listing.</summary>
    Lenient,
}
