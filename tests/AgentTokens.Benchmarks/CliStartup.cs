namespace AgentTokens.Benchmarks;

/// <summary>
/// What a user of the tool waits for: the whole process of `agent-tokens list --format json` on a deployment of 50
/// tokens, served by a standalone sandbox, against a naive console program (HttpClient, GetFromJsonAsync per page,
/// limit 1000, every token printed as JSON) built as such a program is by default (Release, framework-dependent),
/// each started by its own launcher. The tool is installed from its packages as `dotnet tool install` does (this
/// platform's package: compiled ahead of time); beside it, the builds it replaced: the managed build with ReadyToRun
/// (which the native tool carries for `report` and `snapshot`) and the portable package's build (compiled at run
/// time). Then what the hand-over costs: `report` through the native tool against the managed build run directly.
/// </summary>
internal static class CliStartup
{
    private const int Runs = 15;

    /// <summary>A way to run the tool: its entry assembly and the variables it runs with.</summary>
    private sealed record Variant(string Name, string Dll, Dictionary<string, string?> Env);

    public static void Run(Report report)
    {
        var bench = Path.Combine(Repository.Root, "artifacts", "bench");
        var naive = Build("tests/AgentTokens.Benchmarks.Naive", Path.Combine(bench, "naive"), "build");
        var tool = Install(Path.Combine(bench, "tool"));
        var portable = Build("src/AgentTokens.Cli", Path.Combine(bench, "cli-portable"), "publish");
        var r2r = Build("src/AgentTokens.Cli", Path.Combine(bench, "cli-r2r"), "publish", "-r", "linux-x64", "--self-contained", "false", "-p:PublishAot=false", "-p:PublishReadyToRun=true");

        using var sandbox = StandaloneSandbox.Start("--tokens", "50", "--seed", "7");
        var env = sandbox.Environment();
        var naiveRun = new Variant("naive", Path.Combine(naive, "naive-list"), env);
        var variants = new[]
        {
            new Variant("installed tool (linux-x64 package, Native AOT)", tool, env),
            new Variant("managed build, ReadyToRun (the package before Native AOT)", Path.Combine(r2r, "agent-tokens"), env),
            new Variant("portable build (the 'any' package), JIT", Path.Combine(portable, "agent-tokens"), env),
        };
        string[] Args(Variant v) => v == naiveRun ? [sandbox.Address.ToString(), sandbox.Organization, sandbox.Deployment] : ["list", "--format", "json"];

        // Interleaved, so that a slow moment of the machine falls on every variant alike; one unmeasured round first.
        var all = variants.Prepend(naiveRun).ToArray();
        var runs = all.ToDictionary(v => v, _ => new List<ProcessRun>());
        for (var round = 0; round <= Runs; round++)
        {
            foreach (var v in all)
            {
                var run = Processes.Run(v.Dll, Args(v), v.Env);
                if (run.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{v.Name} failed (exit {run.ExitCode}): {run.Stderr}");
                }
                if (round > 0)
                {
                    runs[v].Add(run);
                }
            }
        }
        var help = Enumerable.Range(0, 7).Select(_ => Processes.Run(tool, ["--help"], env)).ToList();

        double Wall(Variant v) => Median(runs[v].Select(r => r.Wall.TotalMilliseconds));
        double Peak(Variant v) => Median(runs[v].Select(r => r.PeakKiB / 1024.0));
        report.Figure("CLI list, 50 tokens: naive console program", $"{Wall(naiveRun):0} ms, {Peak(naiveRun):0.0} MiB peak");
        foreach (var v in variants)
        {
            report.Figure($"CLI list, 50 tokens: agent-tokens, {v.Name}", $"{Wall(v):0} ms, {Peak(v):0.0} MiB peak");
        }
        report.Figure("CLI --help, installed tool", $"{Median(help.Select(r => r.Wall.TotalMilliseconds)):0} ms");
        var names = new[] { "cli-installed", "cli-managed-r2r", "cli-portable" };
        for (var i = 0; i < variants.Length; i++)
        {
            var time = Wall(variants[i]) / Wall(naiveRun);
            var memory = Peak(variants[i]) / Peak(naiveRun);
            report.Ratio($"{names[i]}/naive wall", time, i == 0 ? "<= 1.0" : "", i == 0 ? time <= 1.0 : null);
            report.Ratio($"{names[i]}/naive peak-memory", memory, i == 0 ? "<= 1.0" : "", i == 0 ? memory <= 1.0 : null);
        }
        HandOver(report, tool, Path.Combine(r2r, "agent-tokens"), env);
    }

    /// <summary>`report` through the native tool, which starts the managed build beside it, against the managed build.</summary>
    private static void HandOver(Report report, string tool, string managed, Dictionary<string, string?> env)
    {
        var output = Directory.CreateTempSubdirectory("agent-tokens-bench-report-").FullName;
        var runs = new Dictionary<string, List<ProcessRun>> { [tool] = [], [managed] = [] };
        for (var round = 0; round <= 5; round++)
        {
            foreach (var file in runs.Keys)
            {
                var run = Processes.Run(file, ["report", "--out", output], env);
                if (run.ExitCode != 0)
                {
                    throw new InvalidOperationException($"report failed (exit {run.ExitCode}): {run.Stderr}");
                }
                if (round > 0)
                {
                    runs[file].Add(run);
                }
            }
        }
        Directory.Delete(output, recursive: true);
        double Wall(string file) => Median(runs[file].Select(r => r.Wall.TotalMilliseconds));
        report.Figure("CLI report, 50 tokens: installed tool (hands over to its managed build)", $"{Wall(tool):0} ms");
        report.Figure("CLI report, 50 tokens: managed build, ReadyToRun, run directly", $"{Wall(managed):0} ms");
        report.Ratio("cli-report-handover/managed wall", Wall(tool) / Wall(managed), "", null);
    }

    /// <summary>
    /// Packs the tool under a version of its own and installs it into <paramref name="folder"/> as `dotnet tool install`
    /// does; answers the installed command.
    /// </summary>
    private static string Install(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        var version = $"0.0.0-bench.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var packages = Path.Combine(folder, "packages");
        var pack = Processes.Run("dotnet", ["pack", "src/AgentTokens.Cli", "-c", "Release", "-o", packages, $"-p:MinVerVersionOverride={version}", "-v", "quiet", "-nologo"]);
        var install = pack.ExitCode == 0
            ? Processes.Run("dotnet", ["tool", "install", "AgentTokens.Cli", "--version", version, "--tool-path", Path.Combine(folder, "bin"), "--add-source", packages], workingDirectory: folder)
            : throw new InvalidOperationException($"packing the tool failed: {pack.Stdout}{pack.Stderr}");
        return install.ExitCode == 0 ? Path.Combine(folder, "bin", "agent-tokens") : throw new InvalidOperationException($"installing the tool failed: {install.Stdout}{install.Stderr}");
    }

    /// <summary>Builds or publishes a project in Release into <paramref name="output"/>, as its users would.</summary>
    private static string Build(string project, string output, string verb, params string[] extra)
    {
        var run = Processes.Run("dotnet", new[] { verb, project, "-c", "Release", "-o", output, "-v", "quiet", "-nologo" }.Concat(extra));
        return run.ExitCode == 0 ? output : throw new InvalidOperationException($"dotnet {verb} {project} failed: {run.Stdout}{run.Stderr}");
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
