using System.Text.Json.Serialization;

namespace AgentTokens;

/// <summary>The error body the API sends with every 4xx and 5xx answer (<c>Error</c>).</summary>
public sealed record ApiError
{
    /// <summary>What went wrong.</summary>
    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    /// <summary>The request's ID, to quote to Astronomer support.</summary>
    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; init; }

    /// <summary>The fields that failed validation (400 answers only); empty otherwise.</summary>
    [JsonPropertyName("fieldErrors")]
    public IReadOnlyList<FieldError> FieldErrors { get => _fieldErrors; init => _fieldErrors = ValueList<FieldError>.Of(value); }

    private readonly IReadOnlyList<FieldError> _fieldErrors = ValueList<FieldError>.Of(null);
}

/// <summary>One field that failed the API's request validation (<c>FieldValidationError</c>).</summary>
/// <param name="Code">A machine-readable code.</param>
/// <param name="Field">The field (query parameter or body property).</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record FieldError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("message")] string Message);
