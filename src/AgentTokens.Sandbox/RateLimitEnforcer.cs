namespace AgentTokens.Sandbox;

/// <summary>The API's per-token limits (GET 25/s, POST 10/s, DELETE 5/s), counted over any one second, as the sandbox enforces them.</summary>
internal sealed class RateLimitEnforcer
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _recent = [];

    /// <summary>Whether a request of this method with this bearer token is within the limit now; counts it if so.</summary>
    public bool TryAdmit(string bearer, string method, DateTimeOffset now)
    {
        var limit = method switch { "POST" => 10, "DELETE" => 5, _ => 25 };
        lock (_recent)
        {
            var key = method + " " + bearer;
            if (!_recent.TryGetValue(key, out var times))
            {
                _recent[key] = times = new Queue<DateTimeOffset>();
            }
            while (times.Count > 0 && now - times.Peek() >= TimeSpan.FromSeconds(1))
            {
                times.Dequeue();
            }
            if (times.Count >= limit)
            {
                return false;
            }
            times.Enqueue(now);
            return true;
        }
    }
}
