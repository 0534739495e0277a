using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using AgentTokens.Sandbox;

namespace AgentTokens.Benchmarks;

/// <summary>Reading a 1000-token page as the sandbox writes it: reflection-based System.Text.Json is the baseline.</summary>
[MemoryDiagnoser]
public class PageReading
{
    private readonly JsonSerializerOptions _reflection = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
    private byte[] _page = [];

    /// <summary>The page: 1000 generated tokens in the wire format.</summary>
    public static byte[] Page()
    {
        var tokens = new DataGenerator(7, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)).Tokens("dep", 1000);
        return WireFormat.Page(1000, 0, 1000, tokens.Select(t => WireFormat.Token(t, "type")));
    }

    /// <summary>Makes the page once.</summary>
    [GlobalSetup]
    public void Setup() => _page = Page();

    /// <summary>Reflection-based System.Text.Json, as a user would call it.</summary>
    [Benchmark(Baseline = true)]
    public AgentTokenPage? Reflection() => JsonSerializer.Deserialize<AgentTokenPage>(_page, _reflection);

    /// <summary>Source-generated System.Text.Json (the client's context).</summary>
    [Benchmark]
    public AgentTokenPage? SourceGenerated() => JsonSerializer.Deserialize(_page, AgentTokensJsonContext.Default.AgentTokenPage);
}

/// <summary>Building a validated ListAgentTokens request, against interpolating and parsing the same URI.</summary>
[MemoryDiagnoser]
public class RequestBuilding
{
    private static readonly TokenSort[] Sorts = [TokenSort.Descending(TokenSortField.CreatedAt), TokenSort.Ascending(TokenSortField.Name)];
    private static readonly Uri Base = new("https://api.example.com/");

    /// <summary>The baseline: what a hand-written client does.</summary>
    [Benchmark(Baseline = true)]
    public Uri Interpolated() => new(Base,
        $"v1/organizations/{Uri.EscapeDataString("clorg0000000000000000000")}/deployments/{Uri.EscapeDataString("cldep0000000000000000000")}/agent-tokens?offset=1000&limit=1000&sorts=createdAt:desc&sorts=name:asc");

    /// <summary>The builder, which validates every part.</summary>
    [Benchmark]
    public ApiRequest Builder() =>
        AgentTokenRequests.ListAgentTokens(ApiVersion.V1, "clorg0000000000000000000", "cldep0000000000000000000", 1000, 1000, Sorts);
}

/// <summary>The micro figures, measured by BenchmarkDotNet in this process, then reported as ratios.</summary>
internal static class Micro
{
    public static void Run(Report report)
    {
        // In process (no generated project to restore), a median over 7 iterations after 3 warm-ups.
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(7);
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine("artifacts", "benchmarks"));
        var reading = BenchmarkRunner.Run<PageReading>(config);
        var building = BenchmarkRunner.Run<RequestBuilding>(config);
        var wire = PageReading.Page().Length;

        var reflection = Median(reading, nameof(PageReading.Reflection));
        var generated = Median(reading, nameof(PageReading.SourceGenerated));
        report.Figure("read 1000-token page, reflection-based System.Text.Json (BenchmarkDotNet median)", $"{reflection / 1e6:0.000} ms");
        report.Figure("read 1000-token page, source-generated System.Text.Json", $"{generated / 1e6:0.000} ms");
        report.Ratio("deserialize-source-generated/reflection", generated / reflection, "< 1", generated < reflection);
        foreach (var (method, label) in new[] { (nameof(PageReading.SourceGenerated), "source-generated"), (nameof(PageReading.Reflection), "reflection") })
        {
            var allocated = Allocated(reading, method);
            report.Figure($"bytes allocated per token, {label}", $"{allocated / 1000} B (wire: {wire / 1000} B per token)");
            report.Ratio($"{label} allocated-bytes/wire-bytes", (double)allocated / wire);
        }

        var built = Median(building, nameof(RequestBuilding.Builder));
        var interpolated = Median(building, nameof(RequestBuilding.Interpolated));
        report.Figure("build a ListAgentTokens request (validated)", $"{built / 1e3:0.00} µs");
        report.Figure("baseline: interpolate and parse the same URI", $"{interpolated / 1e3:0.00} µs");
        report.Ratio("build-request/uri-baseline", built / interpolated);
    }

    private static BenchmarkReport For(Summary summary, string method) =>
        summary.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);

    /// <summary>The median time of one call, in nanoseconds.</summary>
    private static double Median(Summary summary, string method) =>
        For(summary, method).ResultStatistics?.Median ?? throw new InvalidOperationException($"{method} did not run.");

    /// <summary>Bytes allocated by one call.</summary>
    private static long Allocated(Summary summary, string method)
    {
        var report = For(summary, method);
        return report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
    }
}
