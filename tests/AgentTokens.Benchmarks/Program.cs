using System.Diagnostics;

namespace AgentTokens.Benchmarks;

/// <summary>
/// ./build.sh bench: the workloads users have, each printed as measured and as ratios against baselines measured in
/// the same run: the tool's whole process against a naive console program, the library in process against a naive
/// loop, an organization under the API's rate limit against its bound, the scale check, the tool against hostile
/// servers, and the notebooks in the real kernel. Options: --cli-only, --library-only, --notebooks-only, --skip-notebooks.
/// </summary>
public static class Program
{
    /// <summary>Runs the scenarios; the last lines are "ratio NAME: VALUE".</summary>
    public static async Task<int> Main(string[] args)
    {
        var report = new Report();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        if (args.Contains("--library-only"))
        {
            LibraryListing.Run(report);
            report.Print();
            return 0;
        }
        if (!args.Contains("--notebooks-only"))
        {
            await Timed("CLI, whole process", () => CliStartup.Run(report));
            if (!args.Contains("--cli-only"))
            {
                await Timed("library, in process", () => LibraryListing.Run(report));
                await Timed("organization", () => Scenarios.OrganizationAsync(report));
                await Timed("scale", () => Scenarios.ScaleAsync(report));
                await Timed("hostile servers", () => HostileServer.Run(report, Path.Combine(Repository.Root, "artifacts", "bench", "tool", "bin", "agent-tokens")));
            }
        }
        if (!args.Contains("--cli-only") && !args.Contains("--skip-notebooks"))
        {
            await Timed("notebooks", () => NotebookStartup.Run(report));
        }
        report.Print();
        return 0;
    }

    private static Task Timed(string name, Action scenario) => Timed(name, () =>
    {
        scenario();
        return Task.CompletedTask;
    });

    /// <summary>Runs a scenario and says how long it took, so that the whole run's length can be kept in check.</summary>
    private static async Task Timed(string name, Func<Task> scenario)
    {
        var watch = Stopwatch.StartNew();
        await scenario();
        Console.WriteLine($"scenario '{name}' took {watch.Elapsed.TotalSeconds:0} s");
    }
}
