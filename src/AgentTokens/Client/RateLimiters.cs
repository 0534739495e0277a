using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace AgentTokens;

/// <summary>Rate limiters shared by every client using the same bearer token and limits (keyed by a hash, never the token).</summary>
internal static class RateLimiters
{
    private static readonly ConcurrentDictionary<string, Lazy<RateLimiter>> Limiters = new();

    /// <summary>The limiters for a bearer token, resolved once per client; null when limiting is off.</summary>
    public static MethodLimiters? For(string bearerToken, RateLimitOptions options)
    {
        if (!options.Enabled)
        {
            return null;
        }
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(bearerToken)));
        return new MethodLimiters(
            Shared(hash, HttpMethod.Get, options.GetPerSecond),
            Shared(hash, HttpMethod.Post, options.PostPerSecond),
            Shared(hash, HttpMethod.Delete, options.DeletePerSecond));
    }

    private static RateLimiter Shared(string hash, HttpMethod method, int perSecond)
    {
        var key = $"{hash}:{method.Method}:{perSecond}";
        return Limiters.GetOrAdd(key, _ => new Lazy<RateLimiter>(() => new SlidingWindowLog(perSecond, Window))).Value;
    }

    /// <summary>
    /// The window the limit is counted over: a second, plus 2%. The limiter counts from when each answer arrived,
    /// which is after the server counted the request, so the margin only has to cover clocks that tick apart.
    /// </summary>
    internal static TimeSpan Window { get; } = TimeSpan.FromSeconds(1.02);
}

/// <summary>A client's rate limiters, one per method (other methods count as GET).</summary>
internal sealed record MethodLimiters(RateLimiter Get, RateLimiter Post, RateLimiter Delete)
{
    /// <summary>The limiter a request of this method waits for.</summary>
    public RateLimiter For(HttpMethod method) =>
        method == HttpMethod.Post ? Post : method == HttpMethod.Delete ? Delete : Get;
}
