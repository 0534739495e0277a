using System.Buffers;

namespace AgentTokens;

/// <summary>What a page said about itself, once its body was read to the end.</summary>
/// <param name="Limit">The limit the server applied.</param>
/// <param name="Offset">The page's offset.</param>
/// <param name="TotalCount">The server's count of the whole listing.</param>
/// <param name="Count">How many tokens the page held.</param>
internal sealed record PageSummary(int Limit, int Offset, int TotalCount, int Count);

/// <summary>Reads page bodies from the network as they arrive, in pooled buffers, through <see cref="PageJsonParser"/>.</summary>
internal static class PageBodies
{
    /// <summary>The first read's size: small, so that the first tokens are handed out early.</summary>
    private const int FirstBlock = 16 * 1024;

    /// <summary>The size of later reads.</summary>
    private const int Block = 64 * 1024;

    /// <summary>
    /// Reads a page body to its end, adding its tokens to <paramref name="into"/>. Every time tokens are completed,
    /// <paramref name="handOff"/> (when given) gets the list that holds them and answers the list to fill next.
    /// </summary>
    public static async ValueTask<PageSummary> ReadAsync(
        Stream body, List<AgentToken> into, Func<List<AgentToken>, List<AgentToken>>? handOff, CancellationToken cancellationToken)
    {
        var parser = new PageJsonParser();
        var batch = into;
        var buffer = ArrayPool<byte>.Shared.Rent(Block);
        var filled = 0;
        var want = FirstBlock;
        // Bytes of an unfinished token are scanned again only once they have doubled: a body that trickles in tiny
        // reads costs linear, not quadratic, time.
        var scanAgainAt = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // One token larger than the buffer: grow it.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(filled, Math.Min(want, buffer.Length - filled)), cancellationToken).ConfigureAwait(false);
                want = buffer.Length;
                filled += read;
                var final = read == 0;
                if (!final && filled < scanAgainAt)
                {
                    continue;
                }
                var used = parser.Parse(buffer.AsSpan(0, filled), final, batch);
                if (batch.Count > 0 && handOff is not null)
                {
                    batch = handOff(batch);
                }
                buffer.AsSpan(used, filled - used).CopyTo(buffer);
                filled -= used;
                scanAgainAt = 2 * filled;
                if (final)
                {
                    var (limit, offset, totalCount) = parser.Summary();
                    return new PageSummary(limit, offset, totalCount, parser.Count);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a whole page into an <see cref="AgentTokenPage"/>.</summary>
    public static async ValueTask<AgentTokenPage> WholePageAsync(Stream body, CancellationToken cancellationToken)
    {
        var tokens = new List<AgentToken>();
        var summary = await ReadAsync(body, tokens, null, cancellationToken).ConfigureAwait(false);
        return new AgentTokenPage { Limit = summary.Limit, Offset = summary.Offset, TotalCount = summary.TotalCount, Tokens = tokens };
    }
}
