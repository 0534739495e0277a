using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AgentTokens.Sandbox;

/// <summary>What a lying or broken server sends: terminal escapes in names, padded bodies, compression bombs.</summary>
internal static class HostileAnswers
{
    /// <summary>Clears the screen, retitles the window, a C1 CSI, a new line and a backspace: what a terminal must never receive raw.</summary>
    public const string Escapes = "\u001b[2J\u001b]0;pwned\u0007\u009b31m\r\n\b";

    /// <summary>
    /// Characters that make text display as other text ("Trojan Source"): a right-to-left override, a zero-width space,
    /// a left-to-right isolate and its end, and the Arabic letter mark.
    /// </summary>
    public const string Invisible = "\u202e\u200b\u2066\u2069\u061c";

    /// <summary>Markup Plotly would render in a label: a link a reader could click, a style that fetches.</summary>
    public const string Markup = "<a href=\"https://evil.example/\">click</a><span style=\"background:url(https://evil.example/x)\">s</span>";

    /// <summary>
    /// Every token's name with terminal escapes, invisible characters and markup around it; its description with new
    /// lines, escapes and a cell that spreadsheets with ';' as their list separator would read as a formula; its roles
    /// with markup.
    /// </summary>
    public static byte[] WithHostileNames(byte[] body)
    {
        var json = JsonNode.Parse(body)!;
        var tokens = json["tokens"] is JsonArray page ? page.OfType<JsonObject>() : [json.AsObject()];
        foreach (var token in tokens)
        {
            token["name"] = Escapes + Invisible + token["name"]?.GetValue<string>() + Markup + "\u001b[0m";
            token["description"] = "line one\nline two" + Escapes + "x;=1+2";
            if (token["roles"] is JsonArray roles)
            {
                foreach (var role in roles.OfType<JsonObject>())
                {
                    role["role"] = Markup + role["role"]?.GetValue<string>();
                }
            }
        }
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>A Create answer whose secret is <paramref name="secret"/>, or has none when it is null.</summary>
    public static byte[] WithSecret(byte[] body, string? secret)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        if (!json.ContainsKey("shortToken"))
        {
            return body;
        }
        if (secret is null)
        {
            json.Remove("token");
        }
        else
        {
            json["token"] = secret;
        }
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>A deployment listing with two more Remote Execution deployments whose IDs no request can carry.</summary>
    public static byte[] WithUnaddressableDeployments(byte[] body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        if (json["deployments"] is not JsonArray deployments)
        {
            return body;
        }
        foreach (var id in new[] { ".", ".." })
        {
            deployments.Add((JsonNode)new JsonObject
            {
                ["id"] = id, ["name"] = "unaddressable " + id, ["workspaceId"] = "ws", ["remoteExecution"] = new JsonObject { ["enabled"] = true },
            });
        }
        json["totalCount"] = json["totalCount"]!.GetValue<int>() + 2;
        json["limit"] = Math.Max(json["limit"]!.GetValue<int>(), deployments.Count);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>The body with an extra unknown field of <paramref name="bytes"/> characters before its closing brace.</summary>
    public static byte[] Padded(byte[] body, int bytes)
    {
        var end = Array.LastIndexOf(body, (byte)'}');
        var padding = Encoding.UTF8.GetBytes(",\"padding\":\"" + new string('x', bytes) + "\"");
        return [.. body.AsSpan(0, end), .. padding, .. body.AsSpan(end)];
    }

    /// <summary>64 MiB of spaces, gzipped once (about 64 KiB): repeated as gzip members, they inflate to any size.</summary>
    private static readonly Lazy<byte[]> Spaces = new(() => Gzip(new string(' ', 64 * 1024 * 1024)));

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A page whose gzip body inflates to about <paramref name="bytes"/> bytes: the page's head, whitespace (valid
    /// JSON between the array's brackets), then its end, each a gzip member of its own. Stops when the client goes.
    /// </summary>
    public static async Task WriteGzipBombAsync(HttpResponse response, long bytes, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.ContentEncoding = "gzip";
        try
        {
            await response.Body.WriteAsync(Gzip("{\"limit\":1000,\"offset\":0,\"tokens\":["), cancellationToken);
            for (long inflated = 0; inflated < bytes; inflated += 64L * 1024 * 1024)
            {
                await response.Body.WriteAsync(Spaces.Value, cancellationToken);
            }
            await response.Body.WriteAsync(Gzip("],\"totalCount\":0}"), cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped reading, as it should.
        }
    }
}
