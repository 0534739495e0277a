using System.Threading.Channels;

namespace AgentTokens;

/// <summary>
/// One page being read in the background: its tokens come out in batches while the body is still arriving, then
/// <see cref="Completion"/> gives what the page said about itself (or the failure, after retries).
/// When an attempt is cut short and retried, the tokens an earlier attempt already handed out are not handed out again.
/// </summary>
internal sealed class PageFeed : IAsyncDisposable
{
    private readonly Channel<List<AgentToken>> _batches =
        Channel.CreateUnbounded<List<AgentToken>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly List<string> _delivered = [];
    private HashSet<string>? _before;

    /// <summary>Starts reading the page with <paramref name="read"/>, which calls <see cref="BeginAttempt"/> and <see cref="Deliver"/>.</summary>
    public PageFeed(Func<PageFeed, CancellationToken, Task<PageSummary>> read, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Completion = RunAsync(read);
    }

    /// <summary>The page's summary once its body was read to the end; faults as the request did.</summary>
    public Task<PageSummary> Completion { get; }

    /// <summary>The batches of tokens, in order, until the page ends (then await <see cref="Completion"/>).</summary>
    public IAsyncEnumerable<List<AgentToken>> Batches => _batches.Reader.ReadAllAsync(_stop.Token);

    /// <summary>A new attempt starts reading a body: what earlier attempts handed out is skipped from now on.</summary>
    public void BeginAttempt()
    {
        if (_delivered.Count > 0)
        {
            _before = new HashSet<string>(_delivered, StringComparer.Ordinal);
        }
    }

    /// <summary>Hands a batch out (less what an earlier attempt handed out); answers the list to fill next.</summary>
    public List<AgentToken> Deliver(List<AgentToken> batch)
    {
        if (_before is not null)
        {
            batch.RemoveAll(t => !_before.Add(t.Id));
        }
        foreach (var token in batch)
        {
            _delivered.Add(token.Id);
        }
        if (batch.Count > 0)
        {
            _batches.Writer.TryWrite(batch);
        }
        return new List<AgentToken>(batch.Count);
    }

    private async Task<PageSummary> RunAsync(Func<PageFeed, CancellationToken, Task<PageSummary>> read)
    {
        try
        {
            // Started on the caller's thread (no hop before the request leaves); it goes on where the I/O completes.
            return await read(this, _stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _batches.Writer.TryComplete();
        }
    }

    /// <summary>Stops the page if it is still being read; its failure, if any, is left unobserved on purpose.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A page nobody will read, or one whose failure the reader has already seen through Completion.
        }
        _stop.Dispose();
    }
}
