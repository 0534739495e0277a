using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace AgentTokens;

/// <summary>Rate limiters shared by every client using the same bearer token and limits (keyed by a hash, never the token).</summary>
internal static class RateLimiters
{
    private static readonly ConcurrentDictionary<string, Lazy<RateLimiter>> Limiters = new();

    /// <summary>The limiter for a method, or null when limiting is off.</summary>
    public static RateLimiter? For(string bearerToken, RateLimitOptions options, HttpMethod method)
    {
        if (!options.Enabled)
        {
            return null;
        }
        var perSecond = method == HttpMethod.Post ? options.PostPerSecond
            : method == HttpMethod.Delete ? options.DeletePerSecond
            : options.GetPerSecond;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(bearerToken)));
        var key = $"{hash}:{method.Method}:{perSecond}";
        // One permit at a time, replenished every 1/(rate-1) seconds (plus 2% for timer jitter): the bucket starts
        // full, so the first two requests may go out together, and rate+1 requests then span (rate-1) periods,
        // more than a second: no one-second window the server counts in, aligned or not, sees more than the limit.
        return Limiters.GetOrAdd(key, _ => new Lazy<RateLimiter>(() => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.02 / Math.Max(1, perSecond - 1)),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }))).Value;
    }
}
