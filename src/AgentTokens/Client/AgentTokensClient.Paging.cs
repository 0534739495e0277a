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
        await foreach (var chunk in ChunksAsync(query, pageSize, diagnostics, cancellationToken).ConfigureAwait(false))
        {
            if (chunk.Tokens is { } tokens)
            {
                foreach (var token in tokens)
                {
                    yield return token;
                }
            }
        }
    }

    private async IAsyncEnumerable<AgentTokenPage> PagesAsync(
        AgentTokenListQuery query, int pageSize, ListingDiagnostics diagnostics, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tokens = new List<AgentToken>();
        await foreach (var chunk in ChunksAsync(query, pageSize, diagnostics, cancellationToken).ConfigureAwait(false))
        {
            tokens.AddRange(chunk.Tokens ?? []);
            if (chunk.End is { } end && (tokens.Count > 0 || end.IsEmpty))
            {
                yield return new AgentTokenPage { Limit = end.Limit, Offset = end.Offset, TotalCount = end.TotalCount, Tokens = tokens };
                tokens = [];
            }
        }
    }

    /// <summary>What the listing hands out: tokens not yielded before, as they arrive, and the end of each page.</summary>
    private readonly record struct Chunk(List<AgentToken>? Tokens, PageEnd? End);

    /// <summary>The end of a page: its own fields, and whether it held no tokens at all (yielded as an empty page).</summary>
    private sealed record PageEnd(int Limit, int Offset, int TotalCount, bool IsEmpty);

    /// <summary>
    /// The listing: each page streamed (tokens leave while its body is still arriving), ids deduplicated, totalCount
    /// and boundaries checked at each page's end, re-read from the start when the listing shifted.
    /// </summary>
    private async IAsyncEnumerable<Chunk> ChunksAsync(
        AgentTokenListQuery query, int pageSize, ListingDiagnostics diagnostics, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listing = new Listing(query.MaxItems ?? int.MaxValue);
        var pages = 0;
        for (var pass = 0; ; pass++)
        {
            var offset = query.StartOffset;
            int? total = null;
            var shifted = false;
            string? lastId = null;
            while (listing.Remaining > 0)
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
                var limit = pass == 0 ? Math.Min(full, listing.Remaining + overlap) : full;
                var tally = new PageTally(overlap == 1 ? lastId : null);
                PageSummary page;
                var feed = StartPage(query, offset - overlap, limit, cancellationToken);
                await using (feed.ConfigureAwait(false))
                {
                    await foreach (var batch in feed.Batches.ConfigureAwait(false))
                    {
                        if (listing.Fresh(batch, tally) is { Count: > 0 } fresh)
                        {
                            yield return new Chunk(fresh, null);
                        }
                    }
                    page = await feed.Completion.ConfigureAwait(false);
                }
                diagnostics.Requests++;
                var count = page.Count - overlap;
                if (overlap == 1 && (page.Count == 0 || tally.FirstMoved))
                {
                    diagnostics.Add($"the page boundary at offset {offset} moved: '{lastId}' was no longer just before it");
                    shifted = true;
                    count = Math.Max(count, 0);
                }
                lastId = tally.LastId ?? lastId;
                if (total is { } before && before != page.TotalCount)
                {
                    diagnostics.Add($"totalCount changed from {before} to {page.TotalCount} at offset {offset}");
                    shifted = true;
                }
                total = page.TotalCount;
                yield return new Chunk(null, new PageEnd(page.Limit, page.Offset, page.TotalCount, count == 0));
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
                if (pass == 0 && Options.MaxConcurrency > 1 && !Options.VerifyPageBoundaries && listing.Remaining > 0)
                {
                    // totalCount is known: fetch the rest at once, the server's own page size (count) apart.
                    var plan = Plan(offset, count, page.TotalCount, listing.Remaining);
                    pages += plan.Count;
                    var ahead = new PagesAhead(this, query, plan, Options.MaxConcurrency, cancellationToken);
                    await using (ahead.ConfigureAwait(false))
                    {
                        for (var i = 0; i < plan.Count; i++)
                        {
                            var next = ahead.Next();
                            var nextTally = new PageTally(null);
                            await foreach (var batch in next.Batches.ConfigureAwait(false))
                            {
                                if (listing.Fresh(batch, nextTally) is { Count: > 0 } fresh)
                                {
                                    yield return new Chunk(fresh, null);
                                }
                            }
                            var summary = await next.Completion.ConfigureAwait(false);
                            await ahead.ReleaseAsync().ConfigureAwait(false);
                            diagnostics.Requests++;
                            if (summary.TotalCount != page.TotalCount)
                            {
                                diagnostics.Add($"totalCount changed from {page.TotalCount} to {summary.TotalCount} at offset {plan[i].Offset}");
                                shifted = true;
                            }
                            else if (summary.Count != plan[i].Expected)
                            {
                                diagnostics.Add($"page at offset {plan[i].Offset} held {summary.Count} tokens, not {plan[i].Expected}");
                                shifted = true;
                            }
                            yield return new Chunk(null, new PageEnd(summary.Limit, summary.Offset, summary.TotalCount, summary.Count == 0));
                            if (shifted || listing.Remaining == 0)
                            {
                                break;
                            }
                        }
                    }
                    break;
                }
            }
            if (!shifted || listing.Remaining == 0)
            {
                yield break;
            }
            if (pass == Options.MaxRereads)
            {
                diagnostics.IsComplete = false;
                diagnostics.Add($"gave up after {pass} re-read(s): the deployment kept changing");
                if (Options.Completeness == Completeness.Strict)
                {
                    throw new IncompleteListingException(query.DeploymentId, diagnostics.Events, listing.Seen);
                }
                yield break;
            }
            diagnostics.Rereads++;
            diagnostics.Add($"re-reading from offset {query.StartOffset} to recover from the shift");
        }
    }

    /// <summary>Starts streaming one page in the background.</summary>
    private PageFeed StartPage(AgentTokenListQuery query, int offset, int limit, CancellationToken cancellationToken) =>
        new((feed, token) =>
        {
            var request = AgentTokenRequests.ListAgentTokens(Options.ApiVersion, query.OrganizationId, query.DeploymentId, offset, limit, query.Sorts);
            return SendAsync(request, (body, t) =>
            {
                feed.BeginAttempt();
                return PageBodies.ReadAsync(body, [], feed.Deliver, t);
            }, offset, token)!;
        }, cancellationToken);

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

    /// <summary>What one page showed as it streamed: whether its first token was the expected one, and its last token.</summary>
    private sealed class PageTally(string? expectedFirst)
    {
        private bool _started;

        public bool FirstMoved { get; private set; }

        public string? LastId { get; private set; }

        public void Saw(AgentToken token)
        {
            if (!_started)
            {
                _started = true;
                FirstMoved = expectedFirst is not null && token.Id != expectedFirst;
            }
            LastId = token.Id;
        }
    }

    /// <summary>The ids yielded so far and how many more are wanted.</summary>
    private sealed class Listing(int remaining)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public int Remaining { get; private set; } = remaining;

        public int Seen => _seen.Count;

        /// <summary>Keeps, in place, the tokens of a batch not yielded before, up to what is still wanted.</summary>
        public List<AgentToken> Fresh(List<AgentToken> batch, PageTally tally)
        {
            var kept = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                var token = batch[i];
                tally.Saw(token);
                if (Remaining > 0 && _seen.Add(token.Id))
                {
                    batch[kept++] = token;
                    Remaining--;
                }
            }
            batch.RemoveRange(kept, batch.Count - kept);
            return batch;
        }
    }

    /// <summary>Pages streamed ahead, at most `concurrency` at once, handed out in order.</summary>
    private sealed class PagesAhead : IAsyncDisposable
    {
        private readonly AgentTokensClient _client;
        private readonly AgentTokenListQuery _query;
        private readonly IReadOnlyList<(int Offset, int Limit, int Expected)> _plan;
        private readonly Queue<PageFeed> _inflight = new();
        private readonly CancellationToken _cancellationToken;
        private int _next;

        public PagesAhead(AgentTokensClient client, AgentTokenListQuery query, IReadOnlyList<(int Offset, int Limit, int Expected)> plan, int concurrency, CancellationToken cancellationToken)
        {
            (_client, _query, _plan, _cancellationToken) = (client, query, plan, cancellationToken);
            while (_next < _plan.Count && _inflight.Count < concurrency)
            {
                Launch();
            }
        }

        /// <summary>The next page in order (already started).</summary>
        public PageFeed Next() => _inflight.Peek();

        /// <summary>The page handed out last was read: let it go and start the next.</summary>
        public async ValueTask ReleaseAsync()
        {
            await _inflight.Dequeue().DisposeAsync().ConfigureAwait(false);
            if (_next < _plan.Count)
            {
                Launch();
            }
        }

        private void Launch()
        {
            var (offset, limit, _) = _plan[_next++];
            _inflight.Enqueue(_client.StartPage(_query, offset, limit, _cancellationToken));
        }

        /// <summary>Stops every page still being read: pages nobody will read, abandoned on purpose.</summary>
        public async ValueTask DisposeAsync()
        {
            while (_inflight.Count > 0)
            {
                await _inflight.Dequeue().DisposeAsync().ConfigureAwait(false);
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
