using System.Text.Json.Serialization;

namespace AgentTokens;

/// <summary>A deployment, as far as agent tokens care: agent tokens exist only where Remote Execution is enabled.</summary>
public sealed record Deployment
{
    /// <summary>The deployment's ID.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Its name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>The workspace it belongs to.</summary>
    [JsonPropertyName("workspaceId")]
    public string? WorkspaceId { get; init; }

    /// <summary>Its Remote Execution settings; null when the API sent none.</summary>
    [JsonPropertyName("remoteExecution")]
    public RemoteExecution? RemoteExecution { get; init; }

    /// <summary>True when Remote Execution is enabled, so the deployment can hold agent tokens.</summary>
    [JsonIgnore]
    public bool HasRemoteExecution => RemoteExecution?.Enabled == true;
}

/// <summary>A deployment's Remote Execution settings.</summary>
/// <param name="Enabled">Whether Remote Execution is enabled.</param>
public sealed record RemoteExecution([property: JsonPropertyName("enabled")] bool Enabled);

/// <summary>One page of the organization's deployments.</summary>
public sealed record DeploymentPage
{
    private readonly IReadOnlyList<Deployment> _deployments = ValueList<Deployment>.Of(null);

    /// <summary>The limit applied.</summary>
    [JsonPropertyName("limit")]
    public required int Limit { get; init; }

    /// <summary>The offset of the first deployment.</summary>
    [JsonPropertyName("offset")]
    public required int Offset { get; init; }

    /// <summary>The number of deployments in the organization.</summary>
    [JsonPropertyName("totalCount")]
    public required int TotalCount { get; init; }

    /// <summary>The deployments of this page.</summary>
    [JsonPropertyName("deployments")]
    public required IReadOnlyList<Deployment> Deployments { get => _deployments; init => _deployments = ValueList<Deployment>.Of(value); }
}

/// <summary>A deployment with all of its agent tokens, as an organization-wide listing finds it.</summary>
/// <param name="Deployment">The deployment.</param>
/// <param name="Tokens">Its tokens, in the server's order; empty for a deployment that holds none.</param>
public sealed record DeploymentAgentTokens(Deployment Deployment, IReadOnlyList<AgentToken> Tokens)
{
    /// <summary>
    /// Why the deployment's tokens were not read, when they were not: the server listed it with an ID no request can
    /// carry (blank, <c>.</c> or <c>..</c>). Null when <see cref="Tokens"/> were read. The rest of the organization is
    /// read regardless.
    /// </summary>
    public string? Problem { get; init; }
}
