using System.Net.Http.Headers;

namespace AgentTokens;

/// <summary>Header text for logs, with credentials replaced by <c>***</c>.</summary>
internal static class Redaction
{
    private static readonly HashSet<string> Secret = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie" };

    /// <summary>The headers as <c>Name: value</c> pairs, credentials redacted.</summary>
    public static string Headers(HttpHeaders headers) =>
        string.Join("; ", headers.Select(h => $"{h.Key}: {(Secret.Contains(h.Key) ? "***" : string.Join(",", h.Value))}"));
}
