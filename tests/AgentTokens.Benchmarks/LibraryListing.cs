using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using AgentTokens.Sandbox;

namespace AgentTokens.Benchmarks;

/// <summary>
/// A deployment of 50 tokens (a deployment's default maximum) listed in process from the sandbox over loopback: the
/// naive loop (GetFromJsonAsync per page, limit 1000) is the baseline; the client lists with its default settings
/// and, like the one listing of a process, a rate-limit budget of its own.
/// </summary>
[MemoryDiagnoser]
public class LibraryListing
{
    private Sandbox.Sandbox _sandbox = null!;
    private HttpClient _http = null!;
    private string _path = "";
    private AgentTokenListQuery _query = null!;

    /// <summary>Starts the sandbox once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sandbox = Sandbox.Sandbox.StartAsync(new SandboxOptions { Tokens = 50, Seed = 7 }).GetAwaiter().GetResult();
        _http = Scenarios.Http(_sandbox);
        _path = $"v1/organizations/{_sandbox.OrganizationId}/deployments/{_sandbox.DeploymentId}/agent-tokens";
        _query = new AgentTokenListQuery(_sandbox.OrganizationId, _sandbox.DeploymentId);
    }

    /// <summary>Stops it.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The naive loop a user writes first.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> NaiveLoop()
    {
        var count = 0;
        for (var offset = 0; ;)
        {
            var page = await _http.GetFromJsonAsync<NaivePage>($"{_path}?offset={offset}&limit=1000");
            count += page!.Tokens.Count;
            offset += page.Tokens.Count;
            if (page.Tokens.Count == 0 || offset >= page.TotalCount)
            {
                return count;
            }
        }
    }

    /// <summary>The client's listing, every token collected.</summary>
    [Benchmark]
    public async Task<int> ClientListAsync()
    {
        using var client = new AgentTokensClient(_http, new AgentTokensClientOptions { BaseAddress = _sandbox.BaseAddress, ApiToken = _sandbox.ApiToken, RateLimitRegistry = new RateLimitRegistry() });
        var tokens = new List<AgentToken>();
        await foreach (var token in client.ListAsync(_query))
        {
            tokens.Add(token);
        }
        return tokens.Count;
    }

    /// <summary>Measured by BenchmarkDotNet in this process, then reported as a ratio to the naive loop.</summary>
    internal static void Run(Report report)
    {
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15);
        var config = ManualConfig.CreateMinimumViable().AddJob(job).AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Repository.Root, "artifacts", "benchmarks"));
        var summary = BenchmarkRunner.Run<LibraryListing>(config);
        BenchmarkReport For(string method) => summary.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
        double Median(string method) => For(method).ResultStatistics?.Median ?? throw new InvalidOperationException($"{method} did not run.");
        long Allocated(string method) => For(method).GcStats.GetBytesAllocatedPerOperation(For(method).BenchmarkCase) ?? 0;
        var naive = Median(nameof(NaiveLoop));
        var client = Median(nameof(ClientListAsync));
        report.Figure("library, 50 tokens in process: naive loop (BenchmarkDotNet median)", $"{naive / 1e6:0.000} ms, {Allocated(nameof(NaiveLoop)) / 1024} KiB allocated");
        report.Figure("library, 50 tokens in process: client.ListAsync, default settings", $"{client / 1e6:0.000} ms, {Allocated(nameof(ClientListAsync)) / 1024} KiB allocated");
        report.Ratio("library-50/naive", client / naive, "<= 1.0", client <= naive);
    }
}
