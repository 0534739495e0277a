using System.Diagnostics;

namespace AgentTokens.Benchmarks;

/// <summary>
/// ./build.sh bench: micro figures (BenchmarkDotNet), one deployment at 10,000 and 100,000 tokens, and an organization of 200
/// deployments, each printed as measured and as ratios against baselines measured in the same run.
/// </summary>
public static class Program
{
    /// <summary>Runs every scenario; the last lines are "ratio NAME: VALUE".</summary>
    public static async Task<int> Main(string[] args)
    {
        var report = new Report();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        if (args.Contains("--notebooks-only"))
        {
            NotebookStartup.Run(report);
            report.Print();
            return 0;
        }
        await Timed("micro (BenchmarkDotNet)", () =>
        {
            Micro.Run(report);
            return Task.CompletedTask;
        });
        if (args.Contains("--micro-only"))
        {
            report.Print();
            return 0;
        }
        var peaks = new Dictionary<string, long>();
        await Timed("one deployment, 10,000 tokens", () => Scenarios.DeploymentAsync(report, 10_000, peaks));
        await Timed("one deployment, 100,000 tokens", () => Scenarios.DeploymentAsync(report, 100_000, peaks));
        report.Ratio("peak-heap-100_000/10_000", (double)peaks["100_000"] / Math.Max(1, peaks["10_000"]), "about 1 (flat)", peaks["100_000"] <= 2 * peaks["10_000"]);
        if (!args.Contains("--skip-organization"))
        {
            await Timed("organization", () => Scenarios.OrganizationAsync(report));
        }
        await Timed("notebooks", () =>
        {
            NotebookStartup.Run(report);
            return Task.CompletedTask;
        });
        report.Print();
        return 0;
    }

    /// <summary>Runs a scenario and says how long it took, so that the whole run's length can be kept in check.</summary>
    private static async Task Timed(string name, Func<Task> scenario)
    {
        var watch = Stopwatch.StartNew();
        await scenario();
        Console.WriteLine($"scenario '{name}' took {watch.Elapsed.TotalSeconds:0} s");
    }
}
