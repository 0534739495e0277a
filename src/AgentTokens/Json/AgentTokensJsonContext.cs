using System.Text.Json.Serialization;

namespace AgentTokens;

/// <summary>
/// Source-generated System.Text.Json metadata for every wire type of the API.
/// Unknown extra fields are ignored; dates are ISO 8601; null is refused where the model does not allow it.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(AgentTokenPage))]
[JsonSerializable(typeof(AgentToken))]
[JsonSerializable(typeof(AgentToken[]))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(DeploymentPage))]
[JsonSerializable(typeof(CreateAgentTokenBody))]
public sealed partial class AgentTokensJsonContext : JsonSerializerContext;
