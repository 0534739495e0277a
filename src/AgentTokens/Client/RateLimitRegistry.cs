using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace AgentTokens;

/// <summary>
/// The rate limiters that clients share: one per bearer token (keyed by a hash, never the token), method, limit and
/// clock. Clients given the same registry and bearer token share one budget, as the API counts it per token. The hash
/// is the runtime's per-process randomized string hash, taken twice (64 bits): it cannot be reversed to the token, and
/// it costs no cryptography library at start-up.
/// </summary>
public sealed class RateLimitRegistry
{
    private readonly ConcurrentDictionary<TimeProvider, ConcurrentDictionary<string, Lazy<RateLimiter>>> _limiters = new();

    /// <summary>The process's registry, which clients use unless given another.</summary>
    public static RateLimitRegistry Shared { get; } = new();

    /// <summary>
    /// The window the limit is counted over: a second, plus 2%. The limiter counts from when each answer arrived,
    /// which is after the server counted the request, so the margin only has to cover clocks that tick apart.
    /// </summary>
    internal static TimeSpan Window { get; } = TimeSpan.FromSeconds(1.02);

    /// <summary>The limiters for a bearer token on a clock, resolved once per client; null when limiting is off.</summary>
    internal MethodLimiters? For(string bearerToken, RateLimitOptions options, TimeProvider clock)
    {
        if (!options.Enabled)
        {
            return null;
        }
        var hash = $"{StringComparer.Ordinal.GetHashCode(bearerToken):x8}{StringComparer.Ordinal.GetHashCode(bearerToken + "\u0001"):x8}";
        var onClock = _limiters.GetOrAdd(clock, _ => new ConcurrentDictionary<string, Lazy<RateLimiter>>());
        RateLimiter Shared(HttpMethod method, int perSecond) =>
            onClock.GetOrAdd($"{hash} {method.Method} {perSecond}", _ => new Lazy<RateLimiter>(() => new SlidingWindowLog(perSecond, Window, clock))).Value;
        return new MethodLimiters(Shared(HttpMethod.Get, options.GetPerSecond), Shared(HttpMethod.Post, options.PostPerSecond), Shared(HttpMethod.Delete, options.DeletePerSecond));
    }
}

/// <summary>A client's rate limiters, one per method (other methods count as GET).</summary>
internal sealed record MethodLimiters(RateLimiter Get, RateLimiter Post, RateLimiter Delete)
{
    /// <summary>The limiter a request of this method waits for.</summary>
    public RateLimiter For(HttpMethod method) =>
        method == HttpMethod.Post ? Post : method == HttpMethod.Delete ? Delete : Get;
}
