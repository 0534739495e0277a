using System.Net.Http.Headers;
using System.Text;

namespace AgentTokens;

/// <summary>
/// A request to the API as a plain value: method, URI relative to the base address, headers
/// (never Authorization) and JSON body, equal by value. Built by <see cref="AgentTokenRequests"/> without any I/O.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="RelativeUri">The path and query, relative to the base address, e.g. <c>v1/organizations/o/deployments/d/agent-tokens?limit=1000</c>.</param>
/// <param name="Headers">Headers other than Authorization.</param>
/// <param name="JsonBody">The JSON body, or null.</param>
public sealed record ApiRequest(
    HttpMethod Method,
    string RelativeUri,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? JsonBody)
{
    /// <summary>The path part of <see cref="RelativeUri"/>, without the query.</summary>
    public string Path => RelativeUri.Split('?', 2)[0];

    /// <summary>The absolute URI against a base address (its path, if any, is kept as a prefix).</summary>
    /// <param name="baseAddress">The base address, e.g. <c>https://api.astronomer.io</c>.</param>
    public Uri ResolveAgainst(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var text = baseAddress.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? baseAddress : new Uri(text + "/"), RelativeUri);
    }

    /// <summary>Turns the value into a message to send; the caller adds Authorization.</summary>
    /// <param name="baseAddress">The base address.</param>
    public HttpRequestMessage ToHttpRequestMessage(Uri baseAddress)
    {
        var message = new HttpRequestMessage(Method, ResolveAgainst(baseAddress));
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        if (JsonBody is not null)
        {
            message.Content = new StringContent(JsonBody, Encoding.UTF8);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        return message;
    }

    /// <summary>Headers other than Authorization, in order (equal by value).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = ValueList<KeyValuePair<string, string>>.Of(Headers);

    /// <summary>The request as text, as an HTTP request line, headers and body.</summary>
    public override string ToString() =>
        $"{Method.Method} /{RelativeUri}{string.Concat(Headers.Select(h => $"\n{h.Key}: {h.Value}"))}{(JsonBody is null ? "" : "\n\n" + JsonBody)}";
}
