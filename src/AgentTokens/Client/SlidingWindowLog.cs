using System.Threading.RateLimiting;

namespace AgentTokens;

/// <summary>
/// At most <c>limit</c> requests in any window, as the server counts them: a permit is granted a whole window after the
/// request <c>limit</c> places before it was answered, so no window the server counts in, aligned or sliding, holds
/// more than the limit, however long requests waited on the way. A short burst still goes out at once.
/// </summary>
internal sealed class SlidingWindowLog : RateLimiter
{
    private readonly Request?[] _recent;
    private readonly TimeSpan _window;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _next;

    /// <summary>A limiter of <paramref name="limit"/> requests per <paramref name="window"/>, on <paramref name="clock"/> (the system's by default).</summary>
    public SlidingWindowLog(int limit, TimeSpan window, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _recent = new Request?[limit];
        _window = window;
        _clock = clock ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => null;

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => null;

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(permitCount, 1);
        if (!_turn.Wait(0))
        {
            return Lease.Refused;
        }
        try
        {
            return _recent[_next] is { } earlier && (!earlier.Released.IsCompleted || Due(earlier) > TimeSpan.Zero)
                ? Lease.Refused
                : Grant();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(permitCount, 1);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_recent[_next] is { } earlier)
            {
                await earlier.Released.WaitAsync(cancellationToken).ConfigureAwait(false);
                // Timers round to whole milliseconds and may wake a little early: wait until the permit is really due.
                for (var due = Due(earlier); due > TimeSpan.Zero; due = Due(earlier))
                {
                    await Task.Delay(due + TimeSpan.FromMilliseconds(1), _clock, cancellationToken).ConfigureAwait(false);
                }
            }
            return Grant();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>How long until a window has passed since that request was released.</summary>
    private TimeSpan Due(Request earlier) => _window - _clock.GetElapsedTime(earlier.ReleasedAt);

    private Request Grant()
    {
        var request = new Request(_clock);
        _recent[_next] = request;
        _next = (_next + 1) % _recent.Length;
        return request;
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

    /// <summary>A granted request: its lease is disposed once the server answered or the request failed.</summary>
    private sealed class Request(TimeProvider clock) : Lease(acquired: true)
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Released => _released.Task;

        public long ReleasedAt { get; private set; }

        protected override void Dispose(bool disposing)
        {
            // Released once: the first dispose (the server answered, or the attempt failed) is the one counted.
            if (!_released.Task.IsCompleted)
            {
                ReleasedAt = clock.GetTimestamp();
                _released.TrySetResult();
            }
        }
    }

    /// <summary>A lease without metadata; <see cref="Refused"/> is the one that was not granted.</summary>
    private class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public static Lease Refused { get; } = new(acquired: false);

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
