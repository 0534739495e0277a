using System.Diagnostics;
using System.Threading.RateLimiting;

namespace AgentTokens;

/// <summary>
/// At most <c>limit</c> permits in any window of <c>window</c>: a permit is granted once the permit <c>limit</c>
/// places before it is a whole window old. So a short burst (a listing of a few pages, the first deployments of a
/// fan-out) goes out at once, and no window the server counts in, aligned or sliding, ever sees more than the limit.
/// Permits are granted in turn; each is one request, so nothing is given back.
/// </summary>
internal sealed class SlidingWindowLog : RateLimiter
{
    private readonly long[] _granted;
    private readonly TimeSpan _window;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _next;
    private int _count;

    /// <summary>A limiter of <paramref name="limit"/> permits per <paramref name="window"/>.</summary>
    public SlidingWindowLog(int limit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _granted = new long[limit];
        _window = window;
    }

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => null;

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => null;

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckOne(permitCount);
        if (!_turn.Wait(0))
        {
            return Lease.Refused;
        }
        try
        {
            if (Due() > TimeSpan.Zero)
            {
                return Lease.Refused;
            }
            Grant();
            return Lease.Granted;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckOne(permitCount);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Timers round to whole milliseconds and may wake a little early: wait until the permit is really due.
            for (var due = Due(); due > TimeSpan.Zero; due = Due())
            {
                await Task.Delay(due + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
            }
            Grant();
            return Lease.Granted;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>How long until the permit <c>limit</c> places back is a window old (zero when fewer were granted).</summary>
    private TimeSpan Due() =>
        _count < _granted.Length ? TimeSpan.Zero : _window - Stopwatch.GetElapsedTime(_granted[_next]);

    private void Grant()
    {
        _granted[_next] = Stopwatch.GetTimestamp();
        _next = (_next + 1) % _granted.Length;
        _count = Math.Min(_count + 1, _granted.Length);
    }

    private static void CheckOne(int permitCount)
    {
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "One request takes one permit.");
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _turn.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static Lease Granted { get; } = new(true);

        public static Lease Refused { get; } = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
