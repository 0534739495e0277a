namespace AgentTokens;

/// <summary>
/// The one exception of a failed call: an error answer, an answer that could not be read or broke a bound
/// (<see cref="Violation"/>), or none (<see cref="StatusCode"/> 0). Never the bearer token; server text cut and escaped.
/// </summary>
/// <param name="message">The full message.</param>
/// <param name="statusCode">The HTTP status, or 0 when no answer arrived.</param>
/// <param name="method">The request's method.</param>
/// <param name="path">The request's path and query, relative to the base address.</param>
/// <param name="inner">The cause, if any.</param>
public class AstroApiException(string message, int statusCode, string method, string path, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status code, or 0 when no answer arrived (network failure or timeout).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The request's method, e.g. GET.</summary>
    public string Method { get; } = method;

    /// <summary>The request's path and query, relative to the base address.</summary>
    public string Path { get; } = path;

    /// <summary>The server's own message, from the Error body, when there was one.</summary>
    public string? ApiMessage { get; init; }

    /// <summary>The server's request ID, to quote to support.</summary>
    public string? RequestId { get; init; }

    /// <summary>The fields that failed validation (400 answers); empty otherwise.</summary>
    public IReadOnlyList<FieldError> FieldErrors { get; init; } = [];

    /// <summary>A short excerpt of a body that was not a JSON Error (429 bodies often are not).</summary>
    public string? BodyExcerpt { get; init; }

    /// <summary>The offset of the page being read, for listing calls.</summary>
    public int? PageOffset { get; init; }

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The wait the server asked for with <c>Retry-After</c>, if it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when the body ended before its promised length (a truncated answer).</summary>
    public bool IsTruncated { get; init; }

    /// <summary>The bound or paging rule the answer broke, if one did (never retried); null otherwise.</summary>
    public BoundViolation? Violation { get; init; }

    /// <summary>Whether the same request may succeed later: no answer, 429, 500, 502, 503, 504, or a truncated body.</summary>
    public bool IsTransient => Violation is null && (StatusCode is 0 or 429 or 500 or 502 or 503 or 504 || IsTruncated);

    /// <summary>
    /// The same failure after <paramref name="attempts"/> attempts, as a new exception (an exception is never changed
    /// once thrown); this one is its inner exception.
    /// </summary>
    internal AstroApiException AfterAttempts(int attempts) =>
        attempts == Attempts ? this : new AstroApiException(base.Message, StatusCode, Method, Path, this)
        {
            ApiMessage = ApiMessage, RequestId = RequestId, FieldErrors = FieldErrors, BodyExcerpt = BodyExcerpt, PageOffset = PageOffset,
            Attempts = attempts, RetryAfter = RetryAfter, IsTruncated = IsTruncated, Violation = Violation,
        };

    /// <summary>The message, with the number of attempts when there was more than one.</summary>
    public override string Message => Attempts > 1 ? $"{base.Message} (after {Attempts} attempts)" : base.Message;

    /// <summary>True when no answer arrived: a connection failure or a timeout.</summary>
    public bool IsNetworkError => StatusCode == 0;
}
