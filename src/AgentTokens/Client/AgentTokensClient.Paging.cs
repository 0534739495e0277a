using System.Runtime.CompilerServices;

namespace AgentTokens;

public sealed partial class AgentTokensClient
{
    /// <summary>
    /// Lists a deployment's tokens page by page. Each page is read once, at the offset that follows the tokens
    /// actually returned so far (a server may serve fewer than asked). The listing ends at <c>totalCount</c>, at an
    /// empty page, or at <see cref="AgentTokenListQuery.MaxItems"/>, with no extra request.
    /// </summary>
    /// <param name="query">What to list. Validated before any request is sent.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public IAsyncEnumerable<AgentTokenPage> ListPagesAsync(AgentTokenListQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Validate(query);
        return PagesAsync(query, pageSize, cancellationToken);
    }

    /// <summary>Lists a deployment's tokens, one at a time, in the server's order; see <see cref="ListPagesAsync"/>.</summary>
    /// <param name="query">What to list. Validated before any request is sent.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public IAsyncEnumerable<AgentToken> ListAsync(AgentTokenListQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Validate(query);
        return ItemsAsync(query, pageSize, cancellationToken);
    }

    private async IAsyncEnumerable<AgentToken> ItemsAsync(
        AgentTokenListQuery query, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in PagesAsync(query, pageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var token in page.Tokens)
            {
                yield return token;
            }
        }
    }

    private async IAsyncEnumerable<AgentTokenPage> PagesAsync(
        AgentTokenListQuery query, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offset = query.StartOffset;
        var remaining = query.MaxItems ?? int.MaxValue;
        for (var pages = 0; remaining > 0; pages++)
        {
            if (pages == Options.MaxPages)
            {
                throw new InvalidOperationException(
                    $"The listing of deployment '{query.DeploymentId}' needed more than MaxPages = {Options.MaxPages} pages; stopped at offset {offset}.");
            }
            var page = await GetPageAsync(query.OrganizationId, query.DeploymentId, offset, Math.Min(pageSize, remaining), query.Sorts, cancellationToken)
                .ConfigureAwait(false);
            var count = page.Tokens.Count;
            if (count > remaining)
            {
                page = page with { Tokens = [.. page.Tokens.Take(remaining)] };
                count = remaining;
            }
            yield return page;
            remaining -= count;
            offset += count;
            if (count == 0 || offset >= page.TotalCount)
            {
                yield break;
            }
        }
    }

    private int Validate(AgentTokenListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        // The builder validates ids, offset and sorts; building the first request here makes it fail before any I/O.
        var pageSize = query.PageSize ?? Options.PageSize;
        ClientGuards.CheckPageSize(pageSize, nameof(query.PageSize));
        if (query.MaxItems is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.MaxItems, "MaxItems must be 0 or more.");
        }
        _ = AgentTokenRequests.ListAgentTokens(Options.ApiVersion, query.OrganizationId, query.DeploymentId, query.StartOffset, pageSize, query.Sorts);
        return pageSize;
    }
}
