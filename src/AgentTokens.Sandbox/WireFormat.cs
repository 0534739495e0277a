using System.Buffers;
using System.Text.Json;

namespace AgentTokens.Sandbox;

/// <summary>
/// Writes the API's wire format from the contract, on its own (it shares no code with the client, so that a
/// mistake in one cannot hide behind the same mistake in the other).
/// </summary>
public static class WireFormat
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One token as JSON. <paramref name="typeField"/> is <c>type</c>, or <c>scope</c> under /v1.</summary>
    /// <param name="token">The token.</param>
    /// <param name="typeField">The name of the type field.</param>
    /// <param name="secret">The secret, written by Create only; null otherwise.</param>
    public static byte[] Token(SandboxToken token, string typeField, string? secret = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            WriteToken(w, token, typeField, secret);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteToken(Utf8JsonWriter w, SandboxToken t, string typeField, string? secret)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        w.WriteString("name", t.Name);
        w.WriteString("description", t.Description);
        w.WriteString("kind", t.Kind);
        w.WriteString(typeField, t.Type);
        w.WriteString("shortToken", t.ShortToken);
        if (secret is not null)
        {
            w.WriteString("token", secret);
        }
        w.WriteString("createdAt", Time(t.CreatedAt));
        w.WriteString("updatedAt", Time(t.UpdatedAt));
        w.WriteString("startAt", Time(t.StartAt));
        if (t.EndAt is { } end)
        {
            w.WriteString("endAt", Time(end));
            w.WriteNumber("expiryPeriodInDays", t.ExpiryPeriodInDays!.Value);
        }
        if (t.LastUsedAt is { } used)
        {
            w.WriteString("lastUsedAt", Time(used));
        }
        if (typeField == "scope" && t.LastRotatedAt is { } rotated)
        {
            w.WriteString("lastRotatedAt", Time(rotated));
        }
        Subject(w, "createdBy", t.CreatedBy);
        Subject(w, "updatedBy", t.UpdatedBy);
        w.WriteStartArray("roles");
        foreach (var role in t.Roles)
        {
            w.WriteStartObject();
            w.WriteString("entityId", role.EntityId);
            w.WriteString("entityType", role.EntityType);
            w.WriteString("role", role.Role);
            if (role.DeploymentId is not null)
            {
                w.WriteString("deploymentId", role.DeploymentId);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Subject(Utf8JsonWriter w, string name, SandboxSubject? s)
    {
        if (s is null)
        {
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("id", s.Id);
        w.WriteString("subjectType", s.SubjectType);
        Optional(w, "apiTokenName", s.ApiTokenName);
        Optional(w, "avatarUrl", s.AvatarUrl);
        Optional(w, "fullName", s.FullName);
        Optional(w, "username", s.Username);
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>A page of tokens (<c>ApiTokensPaginated</c>) from tokens already written as JSON.</summary>
    /// <param name="limit">The limit applied.</param>
    /// <param name="offset">The offset asked for.</param>
    /// <param name="totalCount">The number of tokens in the listing.</param>
    /// <param name="tokens">Each token's JSON.</param>
    public static byte[] Page(int limit, int offset, int totalCount, IEnumerable<byte[]> tokens)
    {
        return Join(PageSegments(limit, offset, totalCount, tokens));
    }

    /// <summary>Pieces of a body joined into one array.</summary>
    /// <param name="segments">The pieces, in order.</param>
    public static byte[] Join(IReadOnlyList<ReadOnlyMemory<byte>> segments)
    {
        var body = new byte[segments.Sum(s => s.Length)];
        var at = 0;
        foreach (var segment in segments)
        {
            segment.Span.CopyTo(body.AsSpan(at));
            at += segment.Length;
        }
        return body;
    }

    /// <summary>
    /// The same page as <see cref="Page"/>, as the pieces to write one after the other: the tokens' own precomputed
    /// bytes, never copied into one array.
    /// </summary>
    /// <param name="limit">The limit applied.</param>
    /// <param name="offset">The offset asked for.</param>
    /// <param name="totalCount">The number of tokens in the listing.</param>
    /// <param name="tokens">Each token's JSON.</param>
    public static IReadOnlyList<ReadOnlyMemory<byte>> PageSegments(int limit, int offset, int totalCount, IEnumerable<byte[]> tokens)
    {
        var head = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(head, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("limit", limit);
            w.WriteNumber("offset", offset);
            w.WritePropertyName("tokens");
            w.Flush();
        }
        var segments = new List<ReadOnlyMemory<byte>> { head.WrittenMemory, "["u8.ToArray() };
        var first = true;
        foreach (var token in tokens)
        {
            if (!first)
            {
                segments.Add(Comma);
            }
            segments.Add(token);
            first = false;
        }
        var tail = new ArrayBufferWriter<byte>(32);
        using (var w = new Utf8JsonWriter(tail, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("totalCount", totalCount);
            w.WriteEndObject();
        }
        // "],"totalCount":N}": the array's end, then the last field (the scratch object's "{" is left out).
        segments.Add("],"u8.ToArray());
        segments.Add(tail.WrittenMemory[1..]);
        return segments;
    }

    private static readonly byte[] Comma = ","u8.ToArray();

    /// <summary>A page of deployments: id, name, workspaceId and remoteExecution.enabled for each.</summary>
    /// <param name="limit">The limit applied.</param>
    /// <param name="offset">The offset asked for.</param>
    /// <param name="totalCount">The number of deployments.</param>
    /// <param name="deployments">The deployments of the page.</param>
    public static byte[] DeploymentPage(int limit, int offset, int totalCount, IEnumerable<SandboxDeployment> deployments)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteStartArray("deployments");
            foreach (var d in deployments)
            {
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("name", d.Name);
                w.WriteString("workspaceId", d.WorkspaceId);
                w.WriteStartObject("remoteExecution");
                w.WriteBoolean("enabled", d.RemoteExecution);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("limit", limit);
            w.WriteNumber("offset", offset);
            w.WriteNumber("totalCount", totalCount);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An Error body; every one carries a requestId.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="message">The message.</param>
    /// <param name="requestId">The request's ID.</param>
    /// <param name="fieldErrors">Validation errors: (code, field, message).</param>
    public static byte[] Error(int status, string message, string requestId, IReadOnlyList<(string Code, string Field, string Message)>? fieldErrors = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteString("requestId", requestId);
            w.WriteNumber("statusCode", status);
            if (fieldErrors is { Count: > 0 })
            {
                w.WriteStartArray("fieldErrors");
                foreach (var (code, field, text) in fieldErrors)
                {
                    w.WriteStartObject();
                    w.WriteString("code", code);
                    w.WriteString("field", field);
                    w.WriteString("message", text);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>RFC 3339 UTC with seconds, as the API writes times (e.g. <c>2022-11-22T04:37:12Z</c>).</summary>
    /// <param name="time">The time.</param>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
