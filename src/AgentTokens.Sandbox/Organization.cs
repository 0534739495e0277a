namespace AgentTokens.Sandbox;

/// <summary>A deployment as the sandbox stores it.</summary>
/// <param name="Id">The deployment's ID.</param>
/// <param name="Name">Its name.</param>
/// <param name="WorkspaceId">The workspace it belongs to.</param>
/// <param name="RemoteExecution">Whether Remote Execution is enabled (only then does it hold agent tokens).</param>
public sealed record SandboxDeployment(string Id, string Name, string WorkspaceId, bool RemoteExecution);

/// <summary>The organization the sandbox serves: its ID, its deployments and their token stores, and the subject that API calls act as.</summary>
public sealed class Organization(string id, IReadOnlyList<SandboxDeployment> deployments, IReadOnlyDictionary<string, DeploymentStore> stores, SandboxSubject caller)
{
    /// <summary>The organization's ID.</summary>
    public string Id { get; } = id;

    /// <summary>The deployments, in the order the API lists them.</summary>
    public IReadOnlyList<SandboxDeployment> DeploymentList { get; } = deployments;

    /// <summary>Each deployment's token store, by deployment ID.</summary>
    public IReadOnlyDictionary<string, DeploymentStore> Deployments { get; } = stores;

    /// <summary>Who Create records as creator: the service key whose bearer token the sandbox accepts.</summary>
    public SandboxSubject Caller { get; } = caller;
}
