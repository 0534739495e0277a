using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AgentTokens.Benchmarks;

/// <summary>One run of a process: its wall time, its peak resident memory, its exit code and what it wrote.</summary>
internal sealed record ProcessRun(TimeSpan Wall, long PeakKiB, int ExitCode, string Stdout, string Stderr);

/// <summary>Runs processes as a user's shell does, measured from the outside: wall time and peak RSS (GNU time).</summary>
internal static class Processes
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; <paramref name="env"/> adds or (null) removes variables.</summary>
    public static ProcessRun Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null, string? workingDirectory = null)
    {
        var peakFile = Path.GetTempFileName();
        var info = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        foreach (var arg in new[] { "-f", "%M", "-o", peakFile, file }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in env ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var wall = watch.Elapsed;
        var peak = File.ReadAllLines(peakFile).Select(l => long.TryParse(l.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : -1).LastOrDefault(k => k >= 0);
        File.Delete(peakFile);
        return new ProcessRun(wall, peak, process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The sandbox in its own process, as `dotnet run --project src/AgentTokens.Sandbox` starts it.</summary>
internal sealed class StandaloneSandbox : IDisposable
{
    private readonly Process _process;

    private StandaloneSandbox(Process process, Uri address, string organization, string deployment)
    {
        _process = process;
        Address = address;
        Organization = organization;
        Deployment = deployment;
    }

    public const string Token = "bench-token";

    public Uri Address { get; }
    public string Organization { get; }
    public string Deployment { get; }

    /// <summary>The variables that point the CLI at this sandbox, as a user sets them for Astro.</summary>
    public Dictionary<string, string?> Environment() => new()
    {
        ["ASTRO_API_TOKEN"] = Token,
        ["ASTRO_ORGANIZATION_ID"] = Organization,
        ["ASTRO_DEPLOYMENT_ID"] = Deployment,
        ["ASTRO_BASE_URL"] = Address.ToString(),
        ["ASTRO_API_VERSION"] = null,
    };

    /// <summary>Starts the sandbox with these flags (a port and the bearer token are added) and waits until it listens.</summary>
    public static StandaloneSandbox Start(params string[] flags)
    {
        var port = Processes.FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "AgentTokens.Sandbox.dll"), "--port", port.ToString(CultureInfo.InvariantCulture), "--api-token", Token }.Concat(flags))
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        string? organization = null, deployment = null;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            var parts = line.Trim().Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts is ["organization", var o]) organization = o;
            if (parts is ["deployment", var d]) deployment = d;
            if (line.StartsWith("  deployments:", StringComparison.Ordinal)) break;
        }
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return organization is null || deployment is null
            ? throw new InvalidOperationException("the standalone sandbox did not start")
            : new StandaloneSandbox(process, new Uri($"http://127.0.0.1:{port}/"), organization, deployment);
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
