using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace AgentTokens;

public sealed partial class AgentTokensClient
{
    private static readonly ProductInfoHeaderValue UserAgent = new("AgentTokens.Functional",
        (typeof(AgentTokensClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0]);

    /// <summary>
    /// Sends a request built by <see cref="AgentTokenRequests"/> and reads the answer: the one place that does I/O.
    /// Each attempt has <see cref="AgentTokensClientOptions.RequestTimeout"/> and waits for the rate limiter; the whole
    /// call has <see cref="RetryOptions.TotalBudget"/>. A transient failure of a GET or DELETE is retried through the
    /// Polly pipeline; POST is sent once. A successful body is read as <paramref name="answer"/> up to
    /// <paramref name="maxBytes"/> (the option named <paramref name="bound"/>); null reads no body.
    /// </summary>
    private async Task<T?> SendAsync<T>(ApiRequest request, JsonTypeInfo<T>? answer, long maxBytes, BoundViolation bound, int? pageOffset, CancellationToken cancellationToken)
        where T : class
    {
        var attempts = 0;
        var isDelete = request.Method == HttpMethod.Delete;
        async ValueTask<T?> Attempt(CancellationToken token)
        {
            attempts++;
            using var deadline = new Deadline(Options.RequestTimeout, Options.TimeProvider, token);
            try
            {
                return await AttemptAsync(request, answer, maxBytes, bound, pageOffset, attempts, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (deadline.Expired && !token.IsCancellationRequested)
            {
                throw new AstroApiException(
                    $"{request.Method.Method} {request.RelativeUri} timed out after {Options.RequestTimeout.TotalSeconds:0.###} s{Where(pageOffset)}.",
                    0, request.Method.Method, request.RelativeUri, e) { PageOffset = pageOffset };
            }
            catch (AstroApiException e) when (isDelete && e.StatusCode == 404 && attempts > 1)
            {
                // An earlier attempt may have deleted it before its answer was lost: the token is gone, as asked.
                Options.Logger.LogInformation("DELETE {Path} answered 404 on attempt {Attempt}: counted as deleted", request.RelativeUri, attempts);
                return null;
            }
        }
        using var budget = new Deadline(Options.Retry.TotalBudget, Options.TimeProvider, cancellationToken);
        try
        {
            try
            {
                return await Attempt(budget.Token).ConfigureAwait(false);
            }
            catch (AstroApiException first) when (first.IsTransient && request.Method != HttpMethod.Post && Options.Retry.MaxAttempts > 1)
            {
                return await RetryAsync(first, Attempt, budget.Token).ConfigureAwait(false);
            }
        }
        catch (AstroApiException e) when (e is not IncompleteListingException)
        {
            Options.Logger.LogError("{Method} {Path} failed after {Attempts} attempt(s): {Status} [requestId {RequestId}]",
                e.Method, e.Path, attempts, e.StatusCode, TerminalText.EscapeAndCut(e.RequestId, 100));
            if (attempts == e.Attempts)
            {
                throw;
            }
            throw e.AfterAttempts(attempts);
        }
        catch (OperationCanceledException e) when (budget.Expired && !cancellationToken.IsCancellationRequested)
        {
            throw new AstroApiException(
                $"{request.Method.Method} {request.RelativeUri} gave up: the time budget of {Options.Retry.TotalBudget.TotalSeconds:0.###} s ran out.",
                0, request.Method.Method, request.RelativeUri, e) { PageOffset = pageOffset, Attempts = attempts };
        }
    }

    private async ValueTask<T?> AttemptAsync<T>(ApiRequest request, JsonTypeInfo<T>? answer, long maxBytes, BoundViolation bound, int? pageOffset, int attempt, CancellationToken cancellationToken)
        where T : class
    {
        // The wait for a rate-limit slot is part of the attempt: bounded by its timeout and its cancellation. The slot
        // is given back on every path (the using), and as soon as the server has answered (see below).
        using var lease = _limiters is null ? null : await _limiters.For(request.Method).AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        using var message = request.ToHttpRequestMessage(Options.BaseAddress);
        message.Headers.Authorization = _authorization;
        message.Headers.UserAgent.Add(UserAgent);
        if (Options.Logger.IsEnabled(LogLevel.Trace))
        {
            Options.Logger.LogTrace("Sending {Method} {Uri} (attempt {Attempt}) with headers: {Headers}",
                request.Method.Method, message.RequestUri, attempt, Redaction.Headers(message.Headers));
        }
        var started = Options.TimeProvider.GetTimestamp();
        var status = 0;
        try
        {
            HttpResponseMessage received;
            try
            {
                received = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The server has counted this request (or it never arrived): the rate limiter counts from now.
                lease?.Dispose();
            }
            using var response = received;
            status = (int)response.StatusCode;
            if (Options.Logger.IsEnabled(LogLevel.Debug))
            {
                Options.Logger.LogDebug("{Method} {Path} answered {Status} in {Elapsed} ms (attempt {Attempt})",
                    request.Method.Method, request.RelativeUri, status, (int)Options.TimeProvider.GetElapsedTime(started).TotalMilliseconds, attempt);
            }
            if (!response.IsSuccessStatusCode)
            {
                var (body, cut) = await BoundedBody.ReadTextAsync(response.Content, Options.MaxErrorBytes, cancellationToken).ConfigureAwait(false);
                var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
                throw ErrorResponses.FromResponse(request, status, response.ReasonPhrase, body, cut, requestId, pageOffset, RetryAfter(response));
            }
            if (answer is null)
            {
                return null;
            }
            var stream = BoundedBody.Open(response.Content, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), maxBytes);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, answer, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("The body was the JSON literal null.");
            }
        }
        catch (BodyTooLargeException e)
        {
            throw new AstroApiException(
                $"{request.Method.Method} {request.RelativeUri} answered {status} with a body larger than {bound} ({BoundedBody.Size(e.Limit)}){Where(pageOffset)}: reading stopped there.",
                status, request.Method.Method, request.RelativeUri) { PageOffset = pageOffset, Violation = bound };
        }
        catch (HttpRequestException e) when (status == 0)
        {
            throw new AstroApiException(
                $"{request.Method.Method} {request.RelativeUri} failed: no answer from {Options.BaseAddress.Host}{Where(pageOffset)} ({e.Message}).",
                0, request.Method.Method, request.RelativeUri, e) { PageOffset = pageOffset };
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new AstroApiException(
                $"{request.Method.Method} {request.RelativeUri} answered {status} but its body was cut short{Where(pageOffset)}: {e.Message}",
                status, request.Method.Method, request.RelativeUri, e) { PageOffset = pageOffset, IsTruncated = true };
        }
        catch (JsonException e)
        {
            throw new AstroApiException(
                $"{request.Method.Method} {request.RelativeUri} answered {status} with a body that could not be read as {typeof(T).Name}{Where(pageOffset)}: {e.Message}",
                status, request.Method.Method, request.RelativeUri, e) { PageOffset = pageOffset };
        }
    }

    /// <summary>The retries, through Polly, the first failure its first outcome (so its backoff and logging apply);
    /// apart from the send path, so that a call that needs no retry never loads Polly.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<T?> RetryAsync<T>(AstroApiException first, Func<CancellationToken, ValueTask<T?>> attempt, CancellationToken cancellationToken)
    {
        AstroApiException? replay = first;
        return (_pipelines ??= new ClientPipelines(Options)).Retry.ExecuteAsync(token =>
        {
            var failure = replay;
            replay = null;
            return failure is null ? attempt(token) : ValueTask.FromException<T?>(failure);
        }, cancellationToken);
    }

    private static string Where(int? pageOffset) => pageOffset is { } o ? $" (page at offset {o})" : "";

    /// <summary>The wait a Retry-After header asks for, in seconds or as an HTTP date.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - Options.TimeProvider.GetUtcNow(),
            _ => null,
        };
}
