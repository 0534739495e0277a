namespace AgentTokens;

/// <summary>
/// The bound or paging rule an answer broke (<see cref="AstroApiException.Violation"/>). A broken bound is never
/// retried: the same request would get the same answer. Each bound is an option of <see cref="AgentTokensClientOptions"/>.
/// </summary>
public enum BoundViolation
{
    /// <summary>A page's body was larger than <see cref="AgentTokensClientOptions.MaxPageBytes"/> (after decompression).</summary>
    MaxPageBytes,

    /// <summary>One token's body was larger than <see cref="AgentTokensClientOptions.MaxTokenBytes"/>.</summary>
    MaxTokenBytes,

    /// <summary>A listing would need more than <see cref="AgentTokensClientOptions.MaxPages"/> requests.</summary>
    MaxPages,

    /// <summary>A deployment's listing claimed or delivered more than <see cref="AgentTokensClientOptions.MaxTokens"/> tokens.</summary>
    MaxTokens,

    /// <summary>An organization's deployment listing claimed or delivered more than <see cref="AgentTokensClientOptions.MaxDeployments"/>.</summary>
    MaxDeployments,

    /// <summary>A page held more items than the limit it was asked for.</summary>
    PageOverLimit,

    /// <summary>A page reached past its own totalCount.</summary>
    TotalCountBelowPage,
}
