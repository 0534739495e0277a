namespace AgentTokens.Benchmarks;

/// <summary>
/// The installed tool against a standalone sandbox that lies or breaks: wall time and peak memory of
/// the whole process for each, against the same tool listing 50 tokens from an honest sandbox in the same run. The
/// promise: a one-line error and the documented exit code within seconds and a few hundred MiB at most.
/// </summary>
internal static class HostileServer
{
    private const int Runs = 3;

    public static void Run(Report report, string tool)
    {
        var cases = new (string Name, string Fault, int Exit, string[] Args)[]
        {
            ("honest sandbox (baseline)", "", 0, []),
            ("first page claims totalCount 2147483647", "lie-total:2147483647", 1, []),
            ("page of 10 holds 15", "overfull:5", 1, ["--page-size", "10"]),
            ("500 whose message is 20 MiB (retried, as a 500 is)", "huge-error:20971520", 1, []),
            ("400 with 1000 field errors", "field-errors:1000", 1, []),
            ("page of 20 MiB", "huge-body:20971520", 1, []),
            ("gzip body inflating to 2 GiB", "gzip-bomb:2147483648", 1, []),
            ("terminal escapes in every name", "hostile-names", 0, []),
        };
        var results = new List<(string Name, double Wall, double Peak)>();
        foreach (var (name, fault, exit, args) in cases)
        {
            using var sandbox = fault == "" ? StandaloneSandbox.Start("--tokens", "50") : StandaloneSandbox.Start("--tokens", "50", "--fault", fault + "@every:1");
            var runs = Enumerable.Range(0, Runs).Select(_ => Processes.Run(tool, ["list", "--format", "json", .. args], sandbox.Environment())).ToList();
            if (runs.Any(r => r.ExitCode != exit))
            {
                throw new InvalidOperationException($"{name}: exit {runs.First(r => r.ExitCode != exit).ExitCode}, expected {exit}");
            }
            var wall = CliStartup.Median(runs.Select(r => r.Wall.TotalSeconds));
            var peak = CliStartup.Median(runs.Select(r => r.PeakKiB / 1024.0));
            var lines = runs[0].Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            report.Figure($"hostile server, {name}", $"exit {exit}, {wall:0.00} s, {peak:0} MiB peak, {lines} line(s) on stderr");
            results.Add((name, wall, peak));
        }
        var (_, baseWall, basePeak) = results[0];
        var worstWall = results.Skip(1).Max(r => r.Wall);
        var worstPeak = results.Skip(1).Max(r => r.Peak);
        report.Ratio("hostile-worst-wall/honest", worstWall / baseWall, $"worst {worstWall:0.0} s <= 10 s", worstWall <= 10);
        report.Ratio("hostile-worst-peak-memory/honest", worstPeak / basePeak, $"worst {worstPeak:0} MiB <= 300 MiB", worstPeak <= 300);
    }
}
