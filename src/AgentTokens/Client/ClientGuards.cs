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
        var loopbackHttp = baseAddress.Scheme == Uri.UriSchemeHttp && baseAddress.IsLoopback;
        if (!secure && !loopbackHttp)
        {
            throw new ArgumentException(
                $"BaseAddress '{baseAddress}' is refused: use https, or plain http only on a loopback address.", nameof(baseAddress));
        }
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
        if (options.MaxPages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPages, "MaxPages must be at least 1.");
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
