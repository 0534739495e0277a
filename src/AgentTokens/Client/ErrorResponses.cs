using System.Net;
using System.Text;
using System.Text.Json;

namespace AgentTokens;

/// <summary>Turns failed answers into <see cref="AstroApiException"/>s (pure, given the body's text).</summary>
internal static class ErrorResponses
{
    private const int ExcerptLength = 200;

    /// <summary>Builds the exception for an error answer.</summary>
    public static AstroApiException FromResponse(ApiRequest request, int status, string? reason, string body, string? headerRequestId, int? pageOffset, TimeSpan? retryAfter)
    {
        var error = TryParse(body);
        var requestId = error?.RequestId ?? headerRequestId;
        var excerpt = error is null ? Excerpt(body) : null;
        var text = new StringBuilder()
            .Append(request.Method.Method).Append(' ').Append(request.RelativeUri)
            .Append(" failed: ").Append(status).Append(' ').Append(reason ?? ((HttpStatusCode)status).ToString());
        if (error is not null && error.Message.Length > 0)
        {
            text.Append(": ").Append(error.Message);
        }
        foreach (var field in error?.FieldErrors ?? [])
        {
            text.Append("; ").Append(field.Field).Append(": ").Append(field.Message);
        }
        if (excerpt is not null)
        {
            text.Append(" (body: \"").Append(excerpt).Append("\")");
        }
        if (pageOffset is { } offset)
        {
            text.Append(" (page at offset ").Append(offset).Append(')');
        }
        if (requestId is not null)
        {
            text.Append(" [requestId ").Append(requestId).Append(']');
        }
        return new AstroApiException(text.ToString(), status, request.Method.Method, request.RelativeUri)
        {
            ApiMessage = error?.Message,
            RequestId = requestId,
            FieldErrors = error?.FieldErrors ?? [],
            BodyExcerpt = excerpt,
            PageOffset = pageOffset,
            RetryAfter = retryAfter,
        };
    }

    /// <summary>An excerpt of a non-JSON body: at most 200 characters, control characters replaced.</summary>
    public static string Excerpt(string body)
    {
        var cut = body.Length > ExcerptLength ? body[..ExcerptLength] + "…" : body;
        return new string([.. cut.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
    }

    private static ApiError? TryParse(string body)
    {
        try
        {
            return body.TrimStart().StartsWith('{')
                ? JsonSerializer.Deserialize(body, AgentTokensJsonContext.Default.ApiError)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
