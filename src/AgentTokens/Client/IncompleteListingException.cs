namespace AgentTokens;

/// <summary>
/// The pager could not prove a listing complete (strict mode): the listing kept changing under it, or the server
/// answered an empty page before <c>totalCount</c> even on a re-read. <see cref="Events"/> says what was seen. One of
/// the <see cref="AstroApiException"/> family: every answer arrived (status 200), but together they did not add up.
/// </summary>
/// <param name="organizationId">The organization whose listing it was.</param>
/// <param name="deploymentId">The deployment whose tokens were listed; null for the organization's deployments.</param>
/// <param name="path">The listing's path.</param>
/// <param name="events">What the pager saw, in order.</param>
/// <param name="yielded">How many items were yielded before giving up.</param>
public sealed class IncompleteListingException(string organizationId, string? deploymentId, string path, IReadOnlyList<string> events, int yielded)
    : AstroApiException(
        TerminalText.EscapeAndCut(
            $"The listing of {(deploymentId is null ? $"the deployments of organization '{organizationId}'" : $"deployment '{deploymentId}'")} may be incomplete after {yielded} items: {string.Join("; ", events)}",
            2000),
        200, "GET", path)
{
    /// <summary>The organization whose listing it was.</summary>
    public string OrganizationId { get; } = organizationId;

    /// <summary>The deployment whose tokens were listed; null when the organization's deployments were.</summary>
    public string? DeploymentId { get; } = deploymentId;

    /// <summary>What the pager saw, in order.</summary>
    public IReadOnlyList<string> Events { get; } = events;

    /// <summary>How many items were yielded.</summary>
    public int Yielded { get; } = yielded;
}

/// <summary>
/// What a listing saw: changes of <c>totalCount</c>, empty pages, re-reads. Pass one to
/// <see cref="AgentTokensClient.ListAsync(AgentTokenListQuery, ListingDiagnostics, CancellationToken)"/> and read it afterwards.
/// </summary>
public sealed class ListingDiagnostics
{
    private readonly List<string> _events = [];

    /// <summary>What was seen, in order; empty for a listing that needed no care.</summary>
    public IReadOnlyList<string> Events
    {
        get { lock (_events) { return [.. _events]; } }
    }

    /// <summary>How many times the listing was read again from the start to recover from a shift.</summary>
    public int Rereads { get; internal set; }

    /// <summary>True when the pager could prove the listing complete.</summary>
    public bool IsComplete { get; internal set; } = true;

    /// <summary>The requests made.</summary>
    public int Requests { get; internal set; }

    internal void Add(IEnumerable<string> events)
    {
        lock (_events)
        {
            _events.AddRange(events);
        }
    }
}
