using System.Runtime.CompilerServices;

namespace AgentTokens;

public sealed partial class AgentTokensClient
{
    /// <summary>
    /// Lists a deployment's tokens page by page, each at the offset after the tokens actually returned, ending at
    /// <c>totalCount</c>, <see cref="AgentTokenListQuery.MaxItems"/> or an empty page. No token ID is yielded twice. A
    /// changed <c>totalCount</c> or an early empty page means offsets shifted: the listing is read again from the start,
    /// pages holding only tokens not yielded before. Unresolvable: <see cref="IncompleteListingException"/> (strict mode);
    /// impossible answers or more than <see cref="AgentTokensClientOptions.MaxPages"/> requests: <see cref="AstroApiException"/>
    /// with <see cref="AstroApiException.Violation"/>, at the first page that shows it.
    /// </summary>
    /// <param name="query">What to list. Validated before any request is sent.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public IAsyncEnumerable<AgentTokenPage> ListPagesAsync(AgentTokenListQuery query, CancellationToken cancellationToken = default) =>
        ListPagesAsync(query, new ListingDiagnostics(), cancellationToken);

    /// <summary>Lists pages as <see cref="ListPagesAsync(AgentTokenListQuery, CancellationToken)"/>, recording what it saw in <paramref name="diagnostics"/>.</summary>
    /// <param name="query">What to list.</param>
    /// <param name="diagnostics">Receives totalCount changes, empty pages and re-reads; read it after the listing (lenient mode).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public IAsyncEnumerable<AgentTokenPage> ListPagesAsync(AgentTokenListQuery query, ListingDiagnostics diagnostics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var settings = Settings(query);
        var path = AgentTokenRequests.ListAgentTokens(Options.ApiVersion, query.OrganizationId, query.DeploymentId).Path;
        return PagesAsync(
            settings, query.OrganizationId, query.DeploymentId, path, diagnostics,
            (request, token) => GetPageAsync(query.OrganizationId, query.DeploymentId, request.Offset, request.Limit, query.Sorts, token),
            page => new PageFacts([.. page.Tokens.Select(t => t.Id)], page.TotalCount),
            (page, fresh) => page with { Tokens = [.. fresh.Select(i => page.Tokens[i])] },
            page => page.Tokens.Count,
            cancellationToken);
    }

    /// <summary>Lists a deployment's tokens, one at a time, in the server's order; see <see cref="ListPagesAsync(AgentTokenListQuery, CancellationToken)"/>.</summary>
    /// <param name="query">What to list. Validated before any request is sent.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public IAsyncEnumerable<AgentToken> ListAsync(AgentTokenListQuery query, CancellationToken cancellationToken = default) =>
        ListAsync(query, new ListingDiagnostics(), cancellationToken);

    /// <summary>Lists tokens as <see cref="ListAsync(AgentTokenListQuery, CancellationToken)"/>, recording what it saw in <paramref name="diagnostics"/>.</summary>
    /// <param name="query">What to list.</param>
    /// <param name="diagnostics">Receives totalCount changes, empty pages and re-reads.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public IAsyncEnumerable<AgentToken> ListAsync(AgentTokenListQuery query, ListingDiagnostics diagnostics, CancellationToken cancellationToken = default) =>
        ListPagesAsync(query, diagnostics, cancellationToken).SelectMany(page => page.Tokens);

    /// <summary>Lists the organization's deployments, each once, with the same completeness rules and bounds as tokens.</summary>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public IAsyncEnumerable<Deployment> ListDeploymentsAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var path = AgentTokenRequests.ListDeployments(Options.ApiVersion, organizationId).Path;
        var settings = new ListingSettings(0, Options.PageSize, int.MaxValue, false, Options.MaxRereads, Options.MaxPages, Options.MaxDeployments, BoundViolation.MaxDeployments);
        return PagesAsync<DeploymentPage>(
            settings, organizationId, null, path, new ListingDiagnostics(),
            (request, token) => SendAsync(AgentTokenRequests.ListDeployments(Options.ApiVersion, organizationId, request.Offset, request.Limit),
                AgentTokensJsonContext.Default.DeploymentPage, Options.MaxPageBytes, BoundViolation.MaxPageBytes, request.Offset, token)!,
            page => new PageFacts([.. page.Deployments.Select(d => d.Id)], page.TotalCount),
            (page, fresh) => page with { Deployments = [.. fresh.Select(i => page.Deployments[i])] },
            page => page.Deployments.Count,
            cancellationToken).SelectMany(page => page.Deployments);
    }

    /// <summary>
    /// The one paging loop: read the page the state asks for, take the pure step (<see cref="ListingState.Next"/>),
    /// yield what is new, go where the step says.
    /// </summary>
    private async IAsyncEnumerable<TPage> PagesAsync<TPage>(
        ListingSettings settings, string organizationId, string? deploymentId, string path, ListingDiagnostics diagnostics,
        Func<PageRequest, CancellationToken, Task<TPage>> read, Func<TPage, PageFacts> facts,
        Func<TPage, IReadOnlyList<int>, TPage> keep, Func<TPage, int> size,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (state, request) = ListingState.Start(settings);
        while (request is not null)
        {
            var page = await read(request, cancellationToken).ConfigureAwait(false);
            var step = state.Next(request, facts(page));
            diagnostics.Requests++;
            diagnostics.Add(step.Events);
            if (step.Next is NextStep.Broken broken)
            {
                throw new AstroApiException($"GET {path} was stopped: {broken.Reason}.", 200, "GET", path)
                    { Violation = broken.Bound, PageOffset = request.Offset };
            }
            if (step.Fresh.Count > 0 || size(page) == 0)
            {
                yield return step.Fresh.Count == size(page) ? page : keep(page, step.Fresh);
            }
            if (step.State.Pass > state.Pass)
            {
                diagnostics.Rereads++;
            }
            state = step.State;
            request = (step.Next as NextStep.Fetch)?.Request;
            if (step.Next is NextStep.Incomplete)
            {
                diagnostics.IsComplete = false;
                if (Options.Completeness == Completeness.Strict)
                {
                    throw new IncompleteListingException(organizationId, deploymentId, path, diagnostics.Events, state.Seen.Count);
                }
            }
        }
    }

    /// <summary>
    /// Checks a query as a listing of it would, without any I/O: IDs, offset, page size, MaxItems and sorts. A listing
    /// makes the same check before its first request; this lets a caller tell its own bad input from anything else.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <exception cref="ArgumentException">The query would be refused; the message names the problem.</exception>
    public void Validate(AgentTokenListQuery query) => _ = Settings(query);

    /// <summary>The listing's settings for a query, refused before any I/O when the client itself would build a bad request.</summary>
    private ListingSettings Settings(AgentTokenListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = query.PageSize ?? Options.PageSize;
        ClientGuards.CheckPageSize(pageSize, nameof(query.PageSize));
        if (query.MaxItems is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.MaxItems, "MaxItems must be 0 or more.");
        }
        // The builder validates ids, offset and sorts: building the first request here makes it fail before any I/O.
        _ = AgentTokenRequests.ListAgentTokens(Options.ApiVersion, query.OrganizationId, query.DeploymentId, query.StartOffset, pageSize, query.Sorts);
        return new ListingSettings(query.StartOffset, pageSize, query.MaxItems ?? int.MaxValue, Options.VerifyPageBoundaries, Options.MaxRereads, Options.MaxPages, Options.MaxTokens, BoundViolation.MaxTokens);
    }
}
