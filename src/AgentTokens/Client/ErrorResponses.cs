using System.Net;
using System.Text;
using System.Text.Json;

namespace AgentTokens;

/// <summary>Turns failed answers into <see cref="AstroApiException"/>s (pure, given the body's text).</summary>
internal static class ErrorResponses
{
    private const int ExcerptLength = 200;
    private const int MessageLength = 300;
    private const int FieldErrorsShown = 5;
    private const int FieldErrorLength = 150;

    /// <summary>Builds the exception for an error answer; <paramref name="cut"/> says the body was longer than was read.</summary>
    public static AstroApiException FromResponse(ApiRequest request, int status, string? reason, string body, bool cut, string? headerRequestId, int? pageOffset, TimeSpan? retryAfter)
    {
        var error = cut ? ReadCut(body) : TryParse(body);
        var requestId = error?.RequestId is { } id ? Shorten(id, 100) : headerRequestId;
        var excerpt = error is null ? Excerpt(body) : null;
        var message = error is null ? null : Shorten(error.Message, MessageLength);
        var fields = error?.FieldErrors ?? [];
        var text = new StringBuilder()
            .Append(request.Method.Method).Append(' ').Append(request.RelativeUri)
            .Append(" failed: ").Append(status).Append(' ').Append(reason ?? ((HttpStatusCode)status).ToString());
        if (!string.IsNullOrEmpty(message))
        {
            text.Append(": ").Append(message);
        }
        foreach (var field in fields.Take(FieldErrorsShown))
        {
            text.Append("; ").Append(Shorten($"{field.Field}: {field.Message}", FieldErrorLength));
        }
        if (fields.Count > FieldErrorsShown)
        {
            text.Append("; and ").Append(fields.Count - FieldErrorsShown).Append(cut ? " more field error(s) before the body was cut" : " more field error(s)");
        }
        else if (cut && error is not null)
        {
            text.Append(" (the body was cut at the error-body bound; more may have followed)");
        }
        if (excerpt is not null)
        {
            text.Append(" (body").Append(cut ? ", cut at the error-body bound" : "").Append(": \"").Append(excerpt).Append("\")");
        }
        if (pageOffset is { } offset)
        {
            text.Append(" (page at offset ").Append(offset).Append(')');
        }
        if (requestId is not null)
        {
            text.Append(" [requestId ").Append(requestId).Append(']');
        }
        return new AstroApiException(TerminalText.Escape(text.ToString()), status, request.Method.Method, request.RelativeUri)
        {
            ApiMessage = message,
            RequestId = requestId,
            FieldErrors = [.. fields.Select(f => f with { Field = Shorten(f.Field, FieldErrorLength), Message = Shorten(f.Message, FieldErrorLength) })],
            BodyExcerpt = excerpt,
            PageOffset = pageOffset,
            RetryAfter = retryAfter,
        };
    }

    /// <summary>An excerpt of a body that was not a JSON Error: at most 200 characters, control characters made visible.</summary>
    public static string Excerpt(string body) => Shorten(TerminalText.Escape(body.Trim()), ExcerptLength);

    /// <summary>At most <paramref name="length"/> characters, an ellipsis marking a cut.</summary>
    private static string Shorten(string text, int length) => text.Length > length ? text[..length] + "…" : text;

    /// <summary>
    /// What the head of a cut Error body says: the message, request ID and the field errors that arrived whole, read
    /// as far as the body goes (a cut JSON document cannot be read whole). Null when it does not start as an Error.
    /// </summary>
    private static ApiError? ReadCut(string body)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body), isFinalBlock: false, state: default);
        string? message = null, requestId = null;
        var fields = new List<FieldError>();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    break;
                }
                switch (name)
                {
                    case "message" when reader.TokenType == JsonTokenType.String: message = reader.GetString(); break;
                    case "requestId" when reader.TokenType == JsonTokenType.String: requestId = reader.GetString(); break;
                    case "fieldErrors" when reader.TokenType == JsonTokenType.StartArray:
                        // Each field error that arrived whole; the one the cut runs through throws, ending the read.
                        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                        {
                            if (JsonSerializer.Deserialize(ref reader, AgentTokensJsonContext.Default.FieldError) is { Field: not null } field)
                            {
                                fields.Add(field with { Code = field.Code ?? "", Message = field.Message ?? "" });
                            }
                        }
                        break;
                    default: reader.TrySkip(); break;
                }
            }
        }
        catch (JsonException)
        {
            // The rest of the document: what was read so far stands.
        }
        return message is null && requestId is null ? null : new ApiError { Message = message ?? "", RequestId = requestId, FieldErrors = fields };
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
