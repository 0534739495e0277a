using System.Net;

namespace AgentTokens;

/// <summary>
/// The HTTP handler the client makes for itself, for code that wants the same behaviour on a client of its own (a
/// notebook's raw requests, a journal of requests): no redirects followed, compressed answers accepted, pooled
/// connections renewed every five minutes, and the usual proxy variables (<c>HTTPS_PROXY</c>, <c>HTTP_PROXY</c>,
/// <c>ALL_PROXY</c>, <c>NO_PROXY</c>) honoured except for loopback addresses, which are always reached directly: a
/// local sandbox or forwarder is never sent to a proxy, and neither is the bearer token that goes with it.
/// </summary>
public static class AgentTokensHttp
{
    /// <summary>A new handler as described above; the caller owns and disposes it.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        UseProxy = true,
        Proxy = new LoopbackDirect(HttpClient.DefaultProxy),
    };

    /// <summary>The environment's proxy, bypassed for loopback destinations.</summary>
    private sealed class LoopbackDirect(IWebProxy environment) : IWebProxy
    {
        public ICredentials? Credentials
        {
            get => environment.Credentials;
            set => environment.Credentials = value;
        }

        public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : environment.GetProxy(destination);

        public bool IsBypassed(Uri host) => ClientGuards.IsLoopback(host) || environment.IsBypassed(host);
    }
}
