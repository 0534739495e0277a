using System.Text.Json.Serialization;

namespace AgentTokens;

/// <summary>The body of CreateAgentToken (<c>CreateAgentTokenRequest</c>).</summary>
/// <param name="Name">The token's name.</param>
/// <param name="Description">An optional description.</param>
/// <param name="TokenExpiryPeriodInDays">Days until the token expires (1 to 3650); null for a token that never expires.</param>
public sealed record CreateAgentTokenBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("tokenExpiryPeriodInDays")] int? TokenExpiryPeriodInDays = null);
