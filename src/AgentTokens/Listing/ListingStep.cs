using System.Collections.Immutable;

namespace AgentTokens;

/// <summary>The settings a listing keeps from start to end.</summary>
/// <param name="StartOffset">Where every pass starts.</param>
/// <param name="PageSize">The page size asked for (1 to 1000).</param>
/// <param name="MaxItems">How many items to yield at most.</param>
/// <param name="VerifyBoundaries">Whether each page after the first starts one item early, to check the boundary.</param>
/// <param name="MaxRereads">How many times the listing may be read again after a shift.</param>
/// <param name="MaxPages">The most requests the whole listing may make.</param>
/// <param name="MaxTotal">The most items the listing may claim or deliver.</param>
/// <param name="TotalBound">The option that bound is (MaxTokens or MaxDeployments).</param>
internal sealed record ListingSettings(int StartOffset, int PageSize, int MaxItems, bool VerifyBoundaries, int MaxRereads, int MaxPages, int MaxTotal, BoundViolation TotalBound);

/// <summary>A request for one page.</summary>
/// <param name="Offset">The offset to ask for.</param>
/// <param name="Limit">The limit to ask for.</param>
internal sealed record PageRequest(int Offset, int Limit);

/// <summary>What a page said: the IDs it held, in order, and its totalCount.</summary>
/// <param name="Ids">The items' IDs, in the server's order.</param>
/// <param name="TotalCount">The server's count of the whole listing.</param>
internal sealed record PageFacts(IReadOnlyList<string> Ids, int TotalCount);

/// <summary>What the pager does after a page.</summary>
internal abstract record NextStep
{
    private NextStep() { }

    /// <summary>Ask for this page next (in the same pass, or the first page of a re-read).</summary>
    public sealed record Fetch(PageRequest Request) : NextStep;

    /// <summary>The listing is complete.</summary>
    public sealed record Done : NextStep;

    /// <summary>The listing kept shifting through every re-read: it cannot be proven complete.</summary>
    public sealed record Incomplete : NextStep;

    /// <summary>The server's answers are impossible, or would take more pages than the cap: <paramref name="Bound"/> names the rule.</summary>
    public sealed record Broken(BoundViolation Bound, string Reason) : NextStep;
}

/// <summary>A page's outcome: the new state, the positions of the items to yield, what was seen, and what comes next.</summary>
internal sealed record StepResult(ListingState State, IReadOnlyList<int> Fresh, IReadOnlyList<string> Events, NextStep Next);

/// <summary>Where a listing stands (pass, next offset, this pass's totalCount, last ID read, requests, IDs yielded):
/// a value, from which <see cref="Next"/> makes the next.</summary>
internal sealed record ListingState(
    ListingSettings Settings, int Pass, int Offset, int? Total, string? LastId, int Requests, ImmutableHashSet<string> Seen)
{
    /// <summary>How many more items may be yielded.</summary>
    public int Remaining => Settings.MaxItems - Seen.Count;

    /// <summary>A listing before its first request, and that request (none when nothing is wanted).</summary>
    public static (ListingState State, PageRequest? First) Start(ListingSettings settings)
    {
        var state = new ListingState(settings, 0, settings.StartOffset, null, null, 0, ImmutableHashSet.Create<string>(StringComparer.Ordinal));
        return (state, state.Remaining > 0 ? state.Request() : null);
    }

    /// <summary>The request for the page at <see cref="Offset"/>, one item early when the boundary is verified.</summary>
    public PageRequest Request()
    {
        var overlap = Overlap;
        var full = Math.Min(Settings.PageSize + overlap, AgentTokenRequests.MaxLimit);
        // After a re-read starts, full pages: items already yielded are skipped, not counted.
        var limit = Pass == 0 ? Math.Min(full, Remaining + overlap) : full;
        return new PageRequest(Offset - overlap, limit);
    }

    private int Overlap => Settings.VerifyBoundaries && LastId is not null ? 1 : 0;

    /// <summary>
    /// The step after a page answered <paramref name="request"/>: the answer must be possible (no more items than asked,
    /// none past its own totalCount); a changed totalCount, an early empty page or a moved boundary is a shift, read again
    /// from the start up to MaxRereads times; and no listing may need more than MaxPages requests (checked up front).
    /// </summary>
    public StepResult Next(PageRequest request, PageFacts page)
    {
        var events = new List<string>();
        var requests = Requests + 1;
        var ids = page.Ids;
        if (ids.Count > request.Limit)
        {
            return Stop(events, new NextStep.Broken(BoundViolation.PageOverLimit,
                $"the page at offset {request.Offset} held {ids.Count} items, more than the limit {request.Limit} it was asked for"));
        }
        if (ids.Count > 0 && page.TotalCount < request.Offset + ids.Count)
        {
            return Stop(events, new NextStep.Broken(BoundViolation.TotalCountBelowPage,
                $"the page at offset {request.Offset} held {ids.Count} items but says totalCount {page.TotalCount}"));
        }
        if (page.TotalCount > Settings.MaxTotal)
        {
            return Stop(events, new NextStep.Broken(Settings.TotalBound,
                $"the page at offset {request.Offset} says totalCount {page.TotalCount}, beyond {Settings.TotalBound} = {Settings.MaxTotal}"));
        }
        var overlap = request.Offset < Offset ? 1 : 0;
        var shifted = false;
        var count = ids.Count - overlap;
        if (overlap == 1 && (ids.Count == 0 || ids[0] != LastId))
        {
            events.Add($"the page boundary at offset {Offset} moved: '{LastId}' was no longer just before it");
            shifted = true;
            count = Math.Max(count, 0);
        }
        if (Total is { } before && before != page.TotalCount)
        {
            events.Add($"totalCount changed from {before} to {page.TotalCount} at offset {Offset}");
            shifted = true;
        }
        var seen = Seen.ToBuilder();
        var fresh = new List<int>();
        for (var i = 0; i < ids.Count && seen.Count < Settings.MaxItems; i++)
        {
            if (seen.Add(ids[i]))
            {
                fresh.Add(i);
            }
        }
        if (seen.Count > Settings.MaxTotal)
        {
            return Stop(events, new NextStep.Broken(Settings.TotalBound,
                $"the page at offset {request.Offset} brings the listing to {seen.Count} distinct items, beyond {Settings.TotalBound} = {Settings.MaxTotal}"));
        }
        var offset = Offset + count;
        if (count == 0 && offset < page.TotalCount)
        {
            events.Add($"empty page at offset {offset} before totalCount {page.TotalCount}");
            shifted = true;
        }
        var read = this with
        {
            Offset = offset, Total = page.TotalCount, LastId = ids.Count > 0 ? ids[^1] : LastId, Requests = requests, Seen = seen.ToImmutable(),
        };
        var (state, next) = read.After(count, request.Limit - overlap, shifted, events);
        return new StepResult(state, fresh, events, next);
    }

    /// <summary>What follows a page that advanced by <paramref name="count"/> of the <paramref name="asked"/> new items it was asked for.</summary>
    private (ListingState, NextStep) After(int count, int asked, bool shifted, List<string> events)
    {
        var total = Total!.Value;
        if (Remaining > 0 && !shifted && count > 0 && Offset < total)
        {
            // The server may serve fewer than asked: the pages still to come are at its own page size.
            var step = count < asked ? count : Settings.PageSize;
            var wanted = Pass == 0 ? Math.Min((long)total - Offset, Remaining) : (long)total - Offset;
            var pages = (wanted + step - 1) / step;
            return (this, Requests + pages > Settings.MaxPages
                ? TooMany($"totalCount {total} at {step} per page needs {pages} more page(s)")
                : new NextStep.Fetch(Request()));
        }
        if (!shifted || Remaining == 0)
        {
            return (this, new NextStep.Done());
        }
        if (Pass == Settings.MaxRereads)
        {
            events.Add($"gave up after {Pass} re-read(s): the listing kept changing");
            return (this, new NextStep.Incomplete());
        }
        events.Add($"re-reading from offset {Settings.StartOffset} to recover from the shift");
        var again = this with { Pass = Pass + 1, Offset = Settings.StartOffset, Total = null, LastId = null };
        return (again, Requests + 1 > Settings.MaxPages ? TooMany("a re-read needs another page") : new NextStep.Fetch(again.Request()));
    }

    private NextStep.Broken TooMany(string why) =>
        new(BoundViolation.MaxPages, $"{why}, beyond MaxPages = {Settings.MaxPages} after {Requests} request(s)");

    private StepResult Stop(List<string> events, NextStep next) => new(this with { Requests = Requests + 1 }, [], events, next);
}
