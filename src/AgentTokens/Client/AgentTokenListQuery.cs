namespace AgentTokens;

/// <summary>What to list: a deployment's tokens, in which order, how many. Immutable, equal by value (sorts in order).</summary>
/// <param name="OrganizationId">The organization's ID.</param>
/// <param name="DeploymentId">The deployment's ID.</param>
public sealed record AgentTokenListQuery(string OrganizationId, string DeploymentId)
{
    private readonly IReadOnlyList<TokenSort> _sorts = ValueList<TokenSort>.Of(null);

    /// <summary>Sorts in priority order; empty leaves the order to the API.</summary>
    public IReadOnlyList<TokenSort> Sorts { get => _sorts; init => _sorts = ValueList<TokenSort>.Of(value); }

    /// <summary>The page size; null uses the client's <see cref="AgentTokensClientOptions.PageSize"/> (1000 by default).</summary>
    public int? PageSize { get; init; }

    /// <summary>Stop after this many tokens; null lists them all.</summary>
    public int? MaxItems { get; init; }

    /// <summary>The offset to start from; 0 by default.</summary>
    public int StartOffset { get; init; }
}
