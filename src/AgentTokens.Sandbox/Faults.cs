using System.Globalization;

namespace AgentTokens.Sandbox;

/// <summary>How a 429 states when to come back.</summary>
public enum RetryAfterStyle
{
    /// <summary><c>Retry-After: 2</c></summary>
    Seconds,
    /// <summary><c>Retry-After: Sat, 28 Nov 2026 10:00:02 GMT</c></summary>
    HttpDate,
    /// <summary>No Retry-After header.</summary>
    None,
}

/// <summary>A misbehaviour the sandbox can show on purpose. Create them with the static methods.</summary>
public abstract record Fault
{
    private protected Fault() { }

    /// <summary>A short name, as the request log and the <c>--fault</c> flag write it.</summary>
    public abstract string Name { get; }

    /// <summary>429 with an Error body and <c>Retry-After</c> in the given style.</summary>
    /// <param name="retryAfter">When to come back.</param>
    /// <param name="style">How the header states it.</param>
    public static Fault RateLimited(TimeSpan retryAfter, RetryAfterStyle style = RetryAfterStyle.Seconds) => new RateLimitedFault(retryAfter, style, JsonBody: true);

    /// <summary>429 with a plain-text body (as gateways send) and <c>Retry-After</c> in seconds.</summary>
    /// <param name="retryAfter">When to come back.</param>
    public static Fault RateLimitedPlainText(TimeSpan retryAfter) => new RateLimitedFault(retryAfter, RetryAfterStyle.Seconds, JsonBody: false);

    /// <summary>500, 502, 503 or 504 with an Error body.</summary>
    /// <param name="status">The status.</param>
    public static Fault ServerError(int status = 500) =>
        status is >= 500 and <= 599 ? new ServerErrorFault(status) : throw new ArgumentOutOfRangeException(nameof(status));

    /// <summary>
    /// 403 with an Error body naming the permission the operation needs (<c>deployment.agentTokens.get</c>,
    /// <c>.create</c> or <c>.delete</c>): what an Astro API token without that permission gets.
    /// </summary>
    public static Fault Forbidden() => new SimpleFault("403");

    /// <summary>The answer is delayed, then given normally.</summary>
    /// <param name="delay">The added latency.</param>
    public static Fault Latency(TimeSpan delay) => new LatencyFault(delay);

    /// <summary>
    /// The body stops halfway (Content-Length promises more) and the connection is closed. For an answer without a
    /// body (a 204 from Delete) the request is carried out and then the connection is closed: the answer is lost.
    /// </summary>
    public static Fault TruncatedBody() => new SimpleFault("truncate");

    /// <summary>The body stops halfway for <paramref name="pause"/>, then goes on (a slow network, a busy server).</summary>
    /// <param name="pause">How long the second half is held back.</param>
    public static Fault PauseBody(TimeSpan pause) => new PauseBodyFault(pause, null);

    /// <summary>The body stops halfway until <paramref name="resume"/> completes, then goes on (for tests in the same process).</summary>
    /// <param name="resume">Completes when the rest of the body may be sent.</param>
    public static Fault PauseBody(Task resume) => new PauseBodyFault(Timeout.InfiniteTimeSpan, resume ?? throw new ArgumentNullException(nameof(resume)));

    /// <summary>A 200 whose body is not valid JSON.</summary>
    public static Fault MalformedJson() => new SimpleFault("malformed");

    /// <summary>A 200 whose <c>totalCount</c> (pages) or <c>createdAt</c> (tokens) has the wrong JSON type.</summary>
    public static Fault WrongFieldType() => new SimpleFault("wrong-type");

    /// <summary>The connection is aborted before any answer.</summary>
    public static Fault AbortConnection() => new SimpleFault("abort");

    /// <summary>A 307 to the same path and query on another base address (to check what a client sends after a redirect).</summary>
    /// <param name="target">The base address to redirect to.</param>
    public static Fault Redirect(Uri target) => new RedirectFault(target);

    /// <summary>List answers at most <paramref name="maxItems"/> tokens, whatever limit was asked, and echoes the limit it used.</summary>
    /// <param name="maxItems">The server-side cap.</param>
    public static Fault CapLimit(int maxItems) => new CapLimitFault(maxItems);

    /// <summary>List answers claim <paramref name="total"/> tokens in <c>totalCount</c>, whatever the deployment holds (a lying server).</summary>
    /// <param name="total">The claimed total.</param>
    public static Fault LyingTotal(int total) => total >= 0 ? new LyingTotalFault(total) : throw new ArgumentOutOfRangeException(nameof(total));

    /// <summary>List answers hold <paramref name="extra"/> more tokens than the limit they echo (a broken server).</summary>
    /// <param name="extra">How many tokens past the limit.</param>
    public static Fault OverfullPage(int extra) => extra >= 1 ? new OverfullPageFault(extra) : throw new ArgumentOutOfRangeException(nameof(extra));

    /// <summary>500 with an Error body whose message is <paramref name="bytes"/> characters long.</summary>
    /// <param name="bytes">The message's length.</param>
    public static Fault HugeError(int bytes) => bytes >= 0 ? new HugeErrorFault(bytes) : throw new ArgumentOutOfRangeException(nameof(bytes));

    /// <summary>400 with <paramref name="count"/> field errors, each with a long message.</summary>
    /// <param name="count">How many field errors.</param>
    public static Fault ManyFieldErrors(int count) => count >= 1 ? new ManyFieldErrorsFault(count) : throw new ArgumentOutOfRangeException(nameof(count));

    /// <summary>A successful answer whose JSON carries an extra unknown field of <paramref name="bytes"/> characters.</summary>
    /// <param name="bytes">The padding's length.</param>
    public static Fault HugeBody(int bytes) => bytes >= 0 ? new HugeBodyFault(bytes) : throw new ArgumentOutOfRangeException(nameof(bytes));

    /// <summary>
    /// A successful answer replaced by a gzip body (<c>Content-Encoding: gzip</c>) that inflates to a JSON page of
    /// <paramref name="bytes"/> bytes, nearly all whitespace, from a few kilobytes on the wire.
    /// </summary>
    /// <param name="bytes">The inflated size.</param>
    public static Fault GzipBomb(long bytes) => bytes >= 0 ? new GzipBombFault(bytes) : throw new ArgumentOutOfRangeException(nameof(bytes));

    /// <summary>Token names and descriptions in successful answers carry terminal escapes (clear screen, window title, C1 controls, new lines).</summary>
    public static Fault HostileNames() => new SimpleFault("hostile-names");

    /// <summary>500 whose message carries terminal escapes and new lines.</summary>
    public static Fault HostileError() => new SimpleFault("hostile-error");

    /// <summary>Create's answer leaves out the secret <c>token</c> (the token is created all the same).</summary>
    public static Fault NoSecret() => new SimpleFault("no-secret");

    /// <summary>Create's answer carries a secret with terminal escapes in it.</summary>
    public static Fault HostileSecret() => new SimpleFault("hostile-secret");

    /// <summary>The organization's deployment listing also holds Remote Execution deployments whose IDs are <c>.</c> and <c>..</c>.</summary>
    public static Fault HostileDeploymentIds() => new SimpleFault("hostile-deployment-ids");

    /// <summary>Before answering, inserts tokens at a position of the deployment's default order.</summary>
    /// <param name="count">How many.</param>
    /// <param name="position">Where (0 is the start; past the end appends).</param>
    public static Fault InsertTokens(int count, int position) => new MutationFault(count, position, Insert: true);

    /// <summary>Before answering, deletes tokens from a position of the deployment's default order.</summary>
    /// <param name="count">How many.</param>
    /// <param name="position">From where.</param>
    public static Fault DeleteTokens(int count, int position) => new MutationFault(count, position, Insert: false);

    internal sealed record RateLimitedFault(TimeSpan RetryAfter, RetryAfterStyle Style, bool JsonBody) : Fault
    {
        public override string Name => JsonBody ? Style switch
        {
            RetryAfterStyle.Seconds => "429",
            RetryAfterStyle.HttpDate => "429-date",
            _ => "429-none",
        } : "429-text";
    }

    internal sealed record ServerErrorFault(int Status) : Fault
    {
        public override string Name => Status.ToString(CultureInfo.InvariantCulture);
    }

    internal sealed record LatencyFault(TimeSpan Delay) : Fault
    {
        public override string Name => $"latency:{Delay.TotalMilliseconds:0}";
    }

    internal sealed record CapLimitFault(int MaxItems) : Fault
    {
        public override string Name => $"cap:{MaxItems}";
    }

    internal sealed record MutationFault(int Count, int Position, bool Insert) : Fault
    {
        public override string Name => $"{(Insert ? "insert" : "delete")}:{Count}:{Position}";
    }

    internal sealed record LyingTotalFault(int Total) : Fault
    {
        public override string Name => $"lie-total:{Total}";
    }

    internal sealed record OverfullPageFault(int Extra) : Fault
    {
        public override string Name => $"overfull:{Extra}";
    }

    internal sealed record HugeErrorFault(int Bytes) : Fault
    {
        public override string Name => $"huge-error:{Bytes}";
    }

    internal sealed record ManyFieldErrorsFault(int Count) : Fault
    {
        public override string Name => $"field-errors:{Count}";
    }

    internal sealed record HugeBodyFault(int Bytes) : Fault
    {
        public override string Name => $"huge-body:{Bytes}";
    }

    internal sealed record GzipBombFault(long Bytes) : Fault
    {
        public override string Name => $"gzip-bomb:{Bytes}";
    }

    internal sealed record PauseBodyFault(TimeSpan Pause, Task? Resume) : Fault
    {
        public override string Name => Resume is null ? $"pause-body:{Pause.TotalMilliseconds:0}" : "pause-body";
    }

    internal sealed record RedirectFault(Uri Target) : Fault
    {
        public override string Name => "redirect";
    }

    internal sealed record SimpleFault(string Kind) : Fault
    {
        public override string Name => Kind;
    }
}

/// <summary>When a fault applies: to the next K requests, to every Nth, or with a seeded probability.</summary>
public abstract record FaultTrigger
{
    private protected FaultTrigger() { }

    /// <summary>The next <paramref name="count"/> matching requests.</summary>
    /// <param name="count">How many.</param>
    public static FaultTrigger Next(int count) => new NextTrigger(count);

    /// <summary>Every <paramref name="n"/>th matching request (the Nth, the 2Nth...).</summary>
    /// <param name="n">The period.</param>
    public static FaultTrigger EveryNth(int n) => n >= 1 ? new EveryTrigger(n) : throw new ArgumentOutOfRangeException(nameof(n));

    /// <summary>Only the <paramref name="n"/>th matching request (1 is the next one).</summary>
    /// <param name="n">Which request.</param>
    public static FaultTrigger At(int n) => n >= 1 ? new AtTrigger(n) : throw new ArgumentOutOfRangeException(nameof(n));

    /// <summary>Each matching request with probability <paramref name="p"/>, from a seeded generator.</summary>
    /// <param name="p">The probability, 0 to 1.</param>
    /// <param name="seed">The seed.</param>
    public static FaultTrigger Probability(double p, int seed = 0) => new ProbabilityTrigger(p, seed);

    internal sealed record NextTrigger(int Count) : FaultTrigger;
    internal sealed record EveryTrigger(int N) : FaultTrigger;
    internal sealed record AtTrigger(int N) : FaultTrigger;
    internal sealed record ProbabilityTrigger(double P, int Seed) : FaultTrigger;
}

/// <summary>A fault, when it applies, and to which method (null: any).</summary>
/// <param name="Fault">The fault.</param>
/// <param name="Trigger">When.</param>
/// <param name="Method">Only requests with this method (GET, POST, DELETE), or all.</param>
public sealed record FaultRule(Fault Fault, FaultTrigger Trigger, string? Method = null);
