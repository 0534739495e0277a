namespace AgentTokens.Sandbox;

/// <summary>A subject (user or service key) as the sandbox stores it. The sandbox keeps its own model, apart from the client's.</summary>
/// <param name="Id">The subject's ID.</param>
/// <param name="SubjectType">USER or SERVICEKEY.</param>
/// <param name="FullName">A user's full name.</param>
/// <param name="Username">A user's username.</param>
/// <param name="AvatarUrl">A user's avatar URL.</param>
/// <param name="ApiTokenName">A service key's token name.</param>
public sealed record SandboxSubject(string Id, string SubjectType, string? FullName = null, string? Username = null, string? AvatarUrl = null, string? ApiTokenName = null);

/// <summary>A role grant as the sandbox stores it.</summary>
/// <param name="EntityId">The entity's ID, DAG ID or tag value.</param>
/// <param name="EntityType">DEPLOYMENT, WORKSPACE, ORGANIZATION, DAG or DAG_TAG.</param>
/// <param name="Role">The role name.</param>
/// <param name="DeploymentId">The deployment, for DAG and DAG_TAG roles.</param>
public sealed record SandboxRole(string EntityId, string EntityType, string Role, string? DeploymentId = null);

/// <summary>An agent token as the sandbox stores it. Its secret is not stored: Create makes one and shows it once.</summary>
public sealed record SandboxToken
{
    /// <summary>The ID.</summary>
    public required string Id { get; init; }
    /// <summary>The name.</summary>
    public required string Name { get; init; }
    /// <summary>The description (may be empty).</summary>
    public required string Description { get; init; }
    /// <summary>STANDARD or DIRECT_ACCESS.</summary>
    public required string Kind { get; init; }
    /// <summary>DEPLOYMENT, WORKSPACE or ORGANIZATION (written as <c>scope</c> under /v1).</summary>
    public required string Type { get; init; }
    /// <summary>The visible prefix.</summary>
    public required string ShortToken { get; init; }
    /// <summary>Creation time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Last update time.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Start of validity.</summary>
    public required DateTimeOffset StartAt { get; init; }
    /// <summary>Expiry period; null never expires.</summary>
    public int? ExpiryPeriodInDays { get; init; }
    /// <summary>Expiry time: StartAt plus the period.</summary>
    public DateTimeOffset? EndAt => ExpiryPeriodInDays is { } days ? StartAt.AddDays(days) : null;
    /// <summary>Last use; null when never used.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }
    /// <summary>Last rotation.</summary>
    public DateTimeOffset? LastRotatedAt { get; init; }
    /// <summary>Creator.</summary>
    public SandboxSubject? CreatedBy { get; init; }
    /// <summary>Last updater.</summary>
    public SandboxSubject? UpdatedBy { get; init; }
    /// <summary>Roles.</summary>
    public IReadOnlyList<SandboxRole> Roles { get; init; } = [];
}
