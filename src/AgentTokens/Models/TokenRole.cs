using System.Text.Json.Serialization;

namespace AgentTokens;

/// <summary>A role granted to a token on an entity (<c>ApiTokenRole</c>).</summary>
public sealed record TokenRole
{
    /// <summary>The entity's ID; for DAG roles the DAG ID, for DAG_TAG roles the tag value.</summary>
    [JsonPropertyName("entityId")]
    public required string EntityId { get; init; }

    /// <summary>The type of the entity.</summary>
    [JsonPropertyName("entityType")]
    public required EntityType EntityType { get; init; }

    /// <summary>The role: a built-in role such as DEPLOYMENT_ADMIN, or a custom role name (free text).</summary>
    [JsonPropertyName("role")]
    public required string Role { get; init; }

    /// <summary>The deployment the DAG or DAG tag belongs to (DAG and DAG_TAG roles).</summary>
    [JsonPropertyName("deploymentId")]
    public string? DeploymentId { get; init; }
}
