using System.Runtime.CompilerServices;

namespace AgentTokens;

public sealed partial class AgentTokensClient
{
    /// <summary>
    /// Lists a deployment's tokens page by page: each page at the offset that follows the tokens actually returned
    /// (a server may serve fewer than asked), ending at <c>totalCount</c>, at <see cref="AgentTokenListQuery.MaxItems"/>,
    /// or at an empty page, with no extra request. A token ID is never yielded twice. When <c>totalCount</c> changes
    /// between pages or a page comes back empty before it, tokens were created or deleted meanwhile and offsets have
    /// shifted: the listing is read again from the start (skipping what was yielded), so that every token that existed
    /// throughout is yielded. When it cannot be made consistent, strict mode raises <see cref="IncompleteListingException"/>.
    /// Pages yielded after a re-read hold only tokens not yielded before.
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
        var pageSize = Validate(query);
        return PagesAsync(query, pageSize, diagnostics, cancellationToken);
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
    public IAsyncEnumerable<AgentToken> ListAsync(AgentTokenListQuery query, ListingDiagnostics diagnostics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var pageSize = Validate(query);
        return ItemsAsync(query, pageSize, diagnostics, cancellationToken);
    }

    private async IAsyncEnumerable<AgentToken> ItemsAsync(
        AgentTokenListQuery query, int pageSize, ListingDiagnostics diagnostics, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in PagesAsync(query, pageSize, diagnostics, cancellationToken).ConfigureAwait(false))
        {
            foreach (var token in page.Tokens)
            {
                yield return token;
            }
        }
    }

    private async IAsyncEnumerable<AgentTokenPage> PagesAsync(
        AgentTokenListQuery query, int pageSize, ListingDiagnostics diagnostics, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var remaining = query.MaxItems ?? int.MaxValue;
        var pages = 0;
        for (var pass = 0; ; pass++)
        {
            var offset = query.StartOffset;
            int? total = null;
            var shifted = false;
            string? lastId = null;
            while (remaining > 0)
            {
                if (pages++ == Options.MaxPages)
                {
                    throw new InvalidOperationException(
                        $"The listing of deployment '{query.DeploymentId}' needed more than MaxPages = {Options.MaxPages} pages; stopped at offset {offset}.");
                }
                // With boundary verification, start one token early: it must be the last token read.
                var overlap = Options.VerifyPageBoundaries && lastId is not null ? 1 : 0;
                // After a re-read starts, ask for full pages: tokens already yielded are skipped, not counted.
                var full = Math.Min(pageSize + overlap, AgentTokenRequests.MaxLimit);
                var limit = pass == 0 ? Math.Min(full, remaining + overlap) : full;
                var page = await GetPageAsync(query.OrganizationId, query.DeploymentId, offset - overlap, limit, query.Sorts, cancellationToken).ConfigureAwait(false);
                diagnostics.Requests++;
                var count = page.Tokens.Count - overlap;
                if (overlap == 1 && (page.Tokens.Count == 0 || page.Tokens[0].Id != lastId))
                {
                    diagnostics.Add($"the page boundary at offset {offset} moved: '{lastId}' was no longer just before it");
                    shifted = true;
                    count = Math.Max(count, 0);
                }
                if (page.Tokens.Count > 0)
                {
                    lastId = page.Tokens[^1].Id;
                }
                if (total is { } before && before != page.TotalCount)
                {
                    diagnostics.Add($"totalCount changed from {before} to {page.TotalCount} at offset {offset}");
                    shifted = true;
                }
                total = page.TotalCount;
                var fresh = page.Tokens.Where(t => seen.Add(t.Id)).Take(remaining).ToList();
                if (fresh.Count > 0 || count == 0)
                {
                    remaining -= fresh.Count;
                    yield return fresh.Count == page.Tokens.Count ? page : page with { Tokens = fresh };
                }
                offset += count;
                if (count == 0 && offset < page.TotalCount)
                {
                    diagnostics.Add($"empty page at offset {offset} before totalCount {page.TotalCount}");
                    shifted = true;
                }
                if (count == 0 || offset >= page.TotalCount || shifted)
                {
                    break;
                }
                if (pass == 0 && Options.MaxConcurrency > 1 && !Options.VerifyPageBoundaries && remaining > 0)
                {
                    // totalCount is known: fetch the rest at once, the server's own page size (count) apart.
                    var plan = Plan(offset, count, page.TotalCount, remaining);
                    pages += plan.Count;
                    var state = new ConcurrentPages(this, query, plan, Options.MaxConcurrency, cancellationToken);
                    try
                    {
                        for (var i = 0; i < plan.Count; i++)
                        {
                            var next = await state.NextAsync().ConfigureAwait(false);
                            diagnostics.Requests++;
                            if (next.TotalCount != page.TotalCount)
                            {
                                diagnostics.Add($"totalCount changed from {page.TotalCount} to {next.TotalCount} at offset {plan[i].Offset}");
                                shifted = true;
                            }
                            else if (next.Tokens.Count != plan[i].Expected)
                            {
                                diagnostics.Add($"page at offset {plan[i].Offset} held {next.Tokens.Count} tokens, not {plan[i].Expected}");
                                shifted = true;
                            }
                            var nextFresh = next.Tokens.Where(t => seen.Add(t.Id)).Take(remaining).ToList();
                            if (nextFresh.Count > 0 || next.Tokens.Count == 0)
                            {
                                remaining -= nextFresh.Count;
                                yield return nextFresh.Count == next.Tokens.Count ? next : next with { Tokens = nextFresh };
                            }
                            if (shifted || remaining == 0)
                            {
                                break;
                            }
                        }
                    }
                    finally
                    {
                        await state.DisposeAsync().ConfigureAwait(false);
                    }
                    break;
                }
            }
            if (!shifted || remaining == 0)
            {
                yield break;
            }
            if (pass == Options.MaxRereads)
            {
                diagnostics.IsComplete = false;
                diagnostics.Add($"gave up after {pass} re-read(s): the deployment kept changing");
                if (Options.Completeness == Completeness.Strict)
                {
                    throw new IncompleteListingException(query.DeploymentId, diagnostics.Events, seen.Count);
                }
                yield break;
            }
            diagnostics.Rereads++;
            diagnostics.Add($"re-reading from offset {query.StartOffset} to recover from the shift");
        }
    }

    /// <summary>
    /// Every page after the first, `step` apart, up to totalCount and the items still wanted: the limit to ask for
    /// and the count to expect (smaller on the last page; a difference means the listing changed).
    /// </summary>
    private static List<(int Offset, int Limit, int Expected)> Plan(int offset, int step, int total, int remaining)
    {
        var plan = new List<(int Offset, int Limit, int Expected)>();
        for (var o = offset; o < total && remaining > 0; o += step)
        {
            var limit = Math.Min(step, remaining);
            var expected = Math.Min(limit, total - o);
            plan.Add((o, limit, expected));
            remaining -= expected;
        }
        return plan;
    }

    /// <summary>Pages fetched ahead, at most `concurrency` at once, handed out in order.</summary>
    private sealed class ConcurrentPages : IAsyncDisposable
    {
        private readonly AgentTokensClient _client;
        private readonly AgentTokenListQuery _query;
        private readonly IReadOnlyList<(int Offset, int Limit, int Expected)> _plan;
        private readonly Queue<Task<AgentTokenPage>> _inflight = new();
        private readonly CancellationTokenSource _stop;
        private int _next;

        public ConcurrentPages(AgentTokensClient client, AgentTokenListQuery query, IReadOnlyList<(int Offset, int Limit, int Expected)> plan, int concurrency, CancellationToken cancellationToken)
        {
            (_client, _query, _plan) = (client, query, plan);
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            while (_next < _plan.Count && _inflight.Count < concurrency)
            {
                Launch();
            }
        }

        public async Task<AgentTokenPage> NextAsync()
        {
            var page = await _inflight.Dequeue().ConfigureAwait(false);
            if (_next < _plan.Count)
            {
                Launch();
            }
            return page;
        }

        private void Launch()
        {
            var (offset, limit, _) = _plan[_next++];
            _inflight.Enqueue(_client.GetPageAsync(_query.OrganizationId, _query.DeploymentId, offset, limit, _query.Sorts, _stop.Token));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            foreach (var pending in _inflight)
            {
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    // Pages nobody will read: abandoned on purpose.
                }
            }
            _stop.Dispose();
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
