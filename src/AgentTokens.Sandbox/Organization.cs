namespace AgentTokens.Sandbox;

/// <summary>The organization the sandbox serves: its ID, its deployments' stores, and the subject that API calls act as.</summary>
public sealed class Organization(string id, IReadOnlyDictionary<string, DeploymentStore> deployments, SandboxSubject caller)
{
    /// <summary>The organization's ID.</summary>
    public string Id { get; } = id;

    /// <summary>The deployments, by ID.</summary>
    public IReadOnlyDictionary<string, DeploymentStore> Deployments { get; } = deployments;

    /// <summary>Who Create records as creator: the service key whose bearer token the sandbox accepts.</summary>
    public SandboxSubject Caller { get; } = caller;
}
