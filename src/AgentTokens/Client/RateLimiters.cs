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
        // One permit at a time, replenished every 1/rate seconds (plus 4% for timer jitter): requests are spaced
        // evenly, so no one-second window the server counts in sees more than the limit. A burst could double up.
        return Limiters.GetOrAdd(key, _ => new Lazy<RateLimiter>(() => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.04 / perSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }))).Value;
    }
}
