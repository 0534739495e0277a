using System.Diagnostics;
using System.Text.Json;

namespace AgentTokens.Benchmarks;

/// <summary>
/// What a notebook user waits for: from starting the kernel (Jupyter's nbconvert with the .NET Interactive kernel
/// of the local tool) to the last cell of token-health. Cold is the first kernel of the run, warm the median of the
/// next three; the baseline is a one-cell notebook in the same kernel, measured in the same run.
/// </summary>
internal static class NotebookStartup
{
    private const int WarmRuns = 3;

    public static void Run(Report report)
    {
        var repo = Repository.Root;
        var kernelspec = Path.Combine(repo, "artifacts", "jupyter", "kernels", ".net-fsharp", "kernel.json");
        if (!File.Exists(kernelspec))
        {
            Console.WriteLine("notebooks: skipped, no kernelspec (./build.sh bench writes it)");
            return;
        }
        var output = Path.Combine(repo, "artifacts", "bench", "notebooks");
        Directory.CreateDirectory(output);
        var trivial = Path.Combine(output, "trivial.ipynb");
        File.WriteAllText(trivial, JsonSerializer.Serialize(new
        {
            cells = new[] { new { cell_type = "code", execution_count = (int?)null, id = "only", metadata = new { }, outputs = Array.Empty<object>(), source = "1 + 1" } },
            metadata = new { kernelspec = new { display_name = ".NET (F#)", language = "F#", name = ".net-fsharp" } },
            nbformat = 4,
            nbformat_minor = 5,
        }));
        var tokenHealth = Path.Combine(repo, "notebooks", "token-health.ipynb");
        var cold = Execute(tokenHealth, output);
        var warm = Median(Enumerable.Range(0, WarmRuns).Select(_ => Execute(tokenHealth, output)));
        var baseline = Median(Enumerable.Range(0, WarmRuns).Select(_ => Execute(trivial, output)));
        report.Figure("notebook token-health, kernel start to last cell, cold", $"{cold:0.0} s (goal <= 40 s)");
        report.Figure("notebook token-health, kernel start to last cell, warm (median of 3)", $"{warm:0.0} s (goal <= 15 s)");
        report.Figure("notebook of one cell, kernel start to last cell, warm (median of 3)", $"{baseline:0.0} s");
        report.Ratio("notebook-token-health-cold/goal-40s", cold / 40, "<= 1", cold <= 40);
        report.Ratio("notebook-token-health-warm/goal-15s", warm / 15, "<= 1", warm <= 15);
        report.Ratio("notebook-token-health-warm/one-cell-notebook", warm / baseline);
    }

    /// <summary>Runs a notebook through nbconvert in its own folder; seconds from start to the executed copy.</summary>
    private static double Execute(string notebook, string output)
    {
        var info = new ProcessStartInfo("jupyter-nbconvert")
        {
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--to", "notebook", "--execute", "--output-dir", output, Path.GetFileName(notebook) })
        {
            info.ArgumentList.Add(arg);
        }
        var jupyter = Path.Combine(Repository.Root, "artifacts", "jupyter");
        info.Environment["JUPYTER_PATH"] = jupyter;
        info.Environment["JUPYTER_DATA_DIR"] = jupyter;
        info.Environment["JUPYTER_CONFIG_DIR"] = Path.Combine(jupyter, "config");
        info.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(jupyter, "runtime");
        info.Environment["JUPYTER_PLATFORM_DIRS"] = "1";
        foreach (var variable in new[] { "ASTRO_API_TOKEN", "ASTRO_ORGANIZATION_ID", "ASTRO_DEPLOYMENT_ID" })
        {
            info.Environment.Remove(variable);
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(notebook)} failed in the kernel (exit {process.ExitCode}): {stderr.Result}");
        }
        return seconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}

/// <summary>The repository's root, found above the running benchmark.</summary>
internal static class Repository
{
    public static string Root { get; } = Find(new DirectoryInfo(AppContext.BaseDirectory));

    private static string Find(DirectoryInfo? dir) =>
        dir is null ? throw new InvalidOperationException("AgentTokens.Functional.sln not found above the benchmark")
        : File.Exists(Path.Combine(dir.FullName, "AgentTokens.Functional.sln")) ? dir.FullName
        : Find(dir.Parent);
}
