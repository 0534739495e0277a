using System.Globalization;

namespace AgentTokens.Sandbox;

/// <summary>
/// Parses the standalone <c>--fault</c> flag: <c>FAULT@TRIGGER</c>, e.g. <c>429@next:3</c>, <c>503@every:5</c>,
/// <c>latency:200@prob:0.1</c>, <c>cap:100@every:1</c>, <c>insert:5:0@next:1</c>.
/// Faults: 403, 429, 429-date, 429-none, 429-text, 500, 502, 503, 504, latency:MS, truncate, malformed, wrong-type,
/// abort, cap:K, insert:K:POS, delete:K:POS, and the hostile ones: lie-total:N, overfull:K, huge-error:BYTES,
/// field-errors:N, huge-body:BYTES, gzip-bomb:BYTES, hostile-names, hostile-error, no-secret, hostile-secret, hostile-deployment-ids. Triggers: next:K, at:N, every:N, prob:P.
/// </summary>
public static class FaultSpec
{
    /// <summary>Parses one spec; a <see cref="FormatException"/> says what is wrong.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="seed">The seed for probability triggers.</param>
    public static FaultRule Parse(string spec, int seed = 0)
    {
        var at = spec.Split('@', 2);
        var trigger = at.Length == 2 ? Trigger(at[1], seed, spec) : FaultTrigger.EveryNth(1);
        var parts = at[0].Split(':');
        int Arg(int i) => parts.Length > i && int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v : throw new FormatException($"Fault '{spec}': '{parts[0]}' needs a whole number as argument {i}.");
        var fault = parts[0] switch
        {
            "429" => Fault.RateLimited(TimeSpan.FromSeconds(parts.Length > 1 ? Arg(1) : 1)),
            "429-date" => Fault.RateLimited(TimeSpan.FromSeconds(parts.Length > 1 ? Arg(1) : 2), RetryAfterStyle.HttpDate),
            "429-none" => Fault.RateLimited(TimeSpan.Zero, RetryAfterStyle.None),
            "429-text" => Fault.RateLimitedPlainText(TimeSpan.FromSeconds(parts.Length > 1 ? Arg(1) : 1)),
            "403" => Fault.Forbidden(),
            "500" or "502" or "503" or "504" => Fault.ServerError(int.Parse(parts[0], CultureInfo.InvariantCulture)),
            "latency" => Fault.Latency(TimeSpan.FromMilliseconds(Arg(1))),
            "pause-body" => Fault.PauseBody(TimeSpan.FromMilliseconds(Arg(1))),
            "truncate" => Fault.TruncatedBody(),
            "malformed" => Fault.MalformedJson(),
            "wrong-type" => Fault.WrongFieldType(),
            "abort" => Fault.AbortConnection(),
            "cap" => Fault.CapLimit(Arg(1)),
            "insert" => Fault.InsertTokens(Arg(1), Arg(2)),
            "delete" => Fault.DeleteTokens(Arg(1), Arg(2)),
            "lie-total" => Fault.LyingTotal(Arg(1)),
            "overfull" => Fault.OverfullPage(Arg(1)),
            "huge-error" => Fault.HugeError(Arg(1)),
            "field-errors" => Fault.ManyFieldErrors(Arg(1)),
            "huge-body" => Fault.HugeBody(Arg(1)),
            "gzip-bomb" => Fault.GzipBomb(parts.Length > 1 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bomb)
                ? bomb : throw new FormatException($"Fault '{spec}': 'gzip-bomb' needs a whole number of bytes as argument 1.")),
            "hostile-names" => Fault.HostileNames(),
            "hostile-error" => Fault.HostileError(),
            "no-secret" => Fault.NoSecret(),
            "hostile-secret" => Fault.HostileSecret(),
            "hostile-deployment-ids" => Fault.HostileDeploymentIds(),
            _ => throw new FormatException($"Fault '{spec}': unknown fault '{parts[0]}'."),
        };
        return new FaultRule(fault, trigger);
    }

    private static FaultTrigger Trigger(string text, int seed, string spec)
    {
        var parts = text.Split(':', 2);
        if (parts.Length == 2)
        {
            switch (parts[0])
            {
                case "next" when int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var k): return FaultTrigger.Next(k);
                case "at" when int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a >= 1: return FaultTrigger.At(a);
                case "every" when int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1: return FaultTrigger.EveryNth(n);
                case "prob" when double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1: return FaultTrigger.Probability(p, seed);
            }
        }
        throw new FormatException($"Fault '{spec}': the trigger must be next:K, at:N, every:N or prob:P (0 to 1), not '{text}'.");
    }
}
