using Polly;
using Polly.Retry;
using Microsoft.Extensions.Logging;

namespace AgentTokens;

/// <summary>The retry pipeline (Polly), made on a client's first retry: a first attempt that succeeds never pays for it.</summary>
internal sealed class ClientPipelines(AgentTokensClientOptions options)
{
    /// <summary>GET and DELETE after a transient failure: up to <see cref="RetryOptions.MaxAttempts"/> in all, backoff or Retry-After between.</summary>
    public ResiliencePipeline Retry { get; } = Build(options);

    private static ResiliencePipeline Build(AgentTokensClientOptions options)
    {
        var retry = options.Retry;
        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = retry.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            Delay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            UseJitter = retry.UseJitter,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is AstroApiException { IsTransient: true }),
            // Retry-After wins over backoff, capped by MaxRetryAfter; null falls back to the backoff.
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is AstroApiException { RetryAfter: { } after }
                    ? (TimeSpan?)(after > retry.MaxRetryAfter ? retry.MaxRetryAfter : after < TimeSpan.Zero ? TimeSpan.Zero : after)
                    : null),
            OnRetry = args =>
            {
                if (args.Outcome.Exception is AstroApiException e)
                {
                    options.Logger.LogWarning("Retrying {Method} {Path} in {Delay} ms after attempt {Attempt}: {Status} {Reason}",
                        e.Method, e.Path, (int)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, e.StatusCode, e.ApiMessage ?? e.BodyExcerpt ?? "");
                }
                return ValueTask.CompletedTask;
            },
        }).Build();
    }
}

/// <summary>A token cancelled by the caller, or once <c>after</c> has passed on the client's clock.</summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public Deadline(TimeSpan after, TimeProvider clock, CancellationToken token)
    {
        _timer = after == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(after, clock);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(token, _timer.Token);
    }

    /// <summary>The token to pass on.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Whether the time ran out (rather than the caller cancelling).</summary>
    public bool Expired => _timer.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
