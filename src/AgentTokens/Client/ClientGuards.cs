using System.Net;
using System.Net.Sockets;

namespace AgentTokens;

/// <summary>Checks on a client's settings, made once when the client is created.</summary>
internal static class ClientGuards
{

    /// <summary>The bearer token from the options or ASTRO_API_TOKEN, refused when missing or when it could inject a header.</summary>
    public static string BearerToken(AgentTokensClientOptions options)
    {
        var token = options.ApiToken ?? Environment.GetEnvironmentVariable(AgentTokensClientOptions.ApiTokenVariable);
        if (string.IsNullOrEmpty(token))
        {
            throw new ArgumentException(
                $"No API token: set {AgentTokensClientOptions.ApiTokenVariable} or AgentTokensClientOptions.ApiToken, " +
                "or run against the sandbox (AgentTokens.Sandbox), which needs no Astro account.", nameof(options));
        }
        foreach (var c in token)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException("The API token contains whitespace or control characters; it was refused (the value is not shown).", nameof(options));
            }
        }
        return token;
    }

    /// <summary>
    /// HTTPS, or plain HTTP to a loopback address only: the bearer token must not travel in clear text. An address
    /// with user information (<c>https://user:password@host</c>) is refused and never repeated: it holds a credential.
    /// </summary>
    public static void CheckBaseAddress(Uri baseAddress)
    {
        if (baseAddress is null || !baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("BaseAddress must be an absolute URI.", nameof(baseAddress));
        }
        if (baseAddress.UserInfo.Length > 0)
        {
            throw new ArgumentException(
                "BaseAddress is refused: it carries user information (user:password@), which would travel with every request; it is not shown. The bearer token is the only credential.",
                nameof(baseAddress));
        }
        var secure = baseAddress.Scheme == Uri.UriSchemeHttps;
        var loopbackHttp = baseAddress.Scheme == Uri.UriSchemeHttp && IsLoopback(baseAddress);
        if (!secure && !loopbackHttp)
        {
            throw new ArgumentException(
                $"BaseAddress '{baseAddress}' is refused: use https, or plain http only on a loopback address.", nameof(baseAddress));
        }
    }

    /// <summary>
    /// Whether a URI names this machine: <c>localhost</c>, 127.0.0.0/8, <c>::1</c> or an IPv4-mapped 127.0.0.0/8
    /// (<c>::ffff:127.0.0.0/104</c>), and nothing else. (<see cref="Uri.IsLoopback"/> also takes the IPv4-compatible
    /// <c>::127.0.0.1</c>, which Linux routes as an ordinary IPv6 address.)
    /// </summary>
    public static bool IsLoopback(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return false;
        }
        if (string.Equals(uri.IdnHost.TrimEnd('.'), "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!IPAddress.TryParse(uri.DnsSafeHost, out var address))
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.AddressFamily == AddressFamily.InterNetwork
            ? address.GetAddressBytes()[0] == 127
            : address.Equals(IPAddress.IPv6Loopback);
    }

    /// <summary>Paging settings within what the API serves.</summary>
    public static void CheckPaging(AgentTokensClientOptions options)
    {
        CheckPageSize(options.PageSize, nameof(options.PageSize));
        foreach (var (name, bytes) in new[] { (nameof(options.MaxPageBytes), options.MaxPageBytes), (nameof(options.MaxTokenBytes), options.MaxTokenBytes), (nameof(options.MaxErrorBytes), options.MaxErrorBytes) })
        {
            if (bytes < 1024)
            {
                throw new ArgumentOutOfRangeException(nameof(options), bytes, $"{name} must be at least 1024 bytes.");
            }
        }
        foreach (var (name, value) in new[] { (nameof(options.MaxPages), options.MaxPages), (nameof(options.MaxTokens), options.MaxTokens), (nameof(options.MaxDeployments), options.MaxDeployments) })
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), value, $"{name} must be at least 1.");
            }
        }
        if (options.RequestTimeout <= TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RequestTimeout, "RequestTimeout must be positive.");
        }
    }

    /// <summary>A page size the API serves (1 to 1000).</summary>
    public static void CheckPageSize(int pageSize, string parameter)
    {
        if (pageSize is < 1 or > AgentTokenRequests.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(parameter, pageSize, $"{parameter} must be between 1 and {AgentTokenRequests.MaxLimit}.");
        }
    }
}
