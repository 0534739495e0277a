using Polly;
using Polly.Retry;
using Polly.Timeout;
using Microsoft.Extensions.Logging;

namespace AgentTokens;

/// <summary>The client's Polly pipelines, built once per client from its options.</summary>
internal sealed class ClientPipelines
{
    public ClientPipelines(AgentTokensClientOptions options)
    {
        var retry = options.Retry;
        Attempt = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddTimeout(options.RequestTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromDays(1) : options.RequestTimeout)
            .Build();
        var idempotent = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddTimeout(retry.TotalBudget);
        if (retry.MaxAttempts > 1)
        {
            idempotent.AddRetry(new RetryStrategyOptions
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
            });
        }
        Idempotent = idempotent.Build();
        Once = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }.AddTimeout(retry.TotalBudget).Build();
    }

    /// <summary>One attempt: the per-request timeout.</summary>
    public ResiliencePipeline Attempt { get; }

    /// <summary>GET and DELETE: a total budget around retries.</summary>
    public ResiliencePipeline Idempotent { get; }

    /// <summary>POST: a total budget, no retry.</summary>
    public ResiliencePipeline Once { get; }
}
