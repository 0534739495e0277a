using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AgentTokens.Sandbox;

namespace AgentTokens.Benchmarks;

/// <summary>A page as users deserialize it in a naive loop: a plain class, read by reflection.</summary>
internal sealed class NaivePage
{
    public int Limit { get; set; }
    public int Offset { get; set; }
    public int TotalCount { get; set; }
    public List<NaiveToken> Tokens { get; set; } = [];
}

/// <summary>A token as a naive loop reads it.</summary>
internal sealed class NaiveToken
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Scope { get; set; }
    public string? Type { get; set; }
    public string ShortToken { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset StartAt { get; set; }
    public DateTimeOffset? EndAt { get; set; }
    public int? ExpiryPeriodInDays { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? LastRotatedAt { get; set; }
    public JsonElement CreatedBy { get; set; }
    public JsonElement UpdatedBy { get; set; }
    public List<JsonElement> Roles { get; set; } = [];
}

/// <summary>The benchmark scenarios.</summary>
internal static class Scenarios
{
    private const int Runs = 5;

    /// <summary>Runs for figures that take under a second each (no rate-limit pause): more of them steady the median.</summary>
    private const int ShortRuns = 9;

    /// <summary>One deployment of <paramref name="tokens"/> tokens: naive loop, raw floor, and the pager.</summary>
    public static async Task DeploymentAsync(Report report, int tokens, Dictionary<string, long> peaks)
    {
        await using var sandbox = await Sandbox.Sandbox.StartAsync(new SandboxOptions { Tokens = tokens, Seed = 7 });
        using var http = Http(sandbox);
        var path = $"v1/organizations/{sandbox.OrganizationId}/deployments/{sandbox.DeploymentId}/agent-tokens";
        var urls = Enumerable.Range(0, (tokens + 999) / 1000).Select(i => $"{path}?offset={i * 1000}&limit=1000").ToArray();
        var label = tokens.ToString("N0", System.Globalization.CultureInfo.InvariantCulture).Replace(",", "_");

        // A run that uses the client's rate limiter starts after a second of quiet, as a user's listing does, so that
        // the limiter's window is fresh. That also makes it start cold, which is unkind to the pager against the warm
        // baselines; the first-page figures are both taken after the pause.
        var fresh = TimeSpan.FromSeconds(1.1);
        var naive = await Measure.MedianAsync(ShortRuns, async () =>
        {
            var count = 0;
            for (var offset = 0; ;)
            {
                var page = await http.GetFromJsonAsync<NaivePage>($"{path}?offset={offset}&limit=1000");
                count += page!.Tokens.Count;
                offset += page.Tokens.Count;
                if (page.Tokens.Count == 0 || offset >= page.TotalCount)
                {
                    break;
                }
            }
            Check(count, tokens);
        });
        var floor = await Measure.MedianAsync(ShortRuns, () => Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (url, ct) =>
        {
            await using var body = await http.GetStreamAsync(url, ct);
            await body.CopyToAsync(Stream.Null, ct);
        }));
        var options = new AgentTokensClientOptions { BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken };
        var query = new AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId);
        async Task Pager(AgentTokensClientOptions o)
        {
            using var client = new AgentTokensClient(http, o);
            var count = 0;
            await foreach (var _ in client.ListAsync(query))
            {
                count++;
            }
            Check(count, tokens);
        }
        var pager = await Measure.MedianAsync(Runs, () => Pager(options), fresh);
        var unlimited = await Measure.MedianAsync(ShortRuns, () => Pager(options with { RateLimits = RateLimitOptions.Disabled }));

        var firstRaw = await Measure.MedianAsync(ShortRuns, async () => await http.GetByteArrayAsync(urls[0]), fresh);
        var firstToken = await Measure.MedianOfAsync(ShortRuns, async () =>
        {
            var watch = Stopwatch.StartNew();
            using var client = new AgentTokensClient(http, options);
            await using var items = client.ListAsync(query).GetAsyncEnumerator();
            await items.MoveNextAsync();
            return watch.Elapsed; // stopping the rest of the listing is not part of the figure
        }, fresh);
        peaks[label] = await Measure.PeakHeapAsync(() => Pager(options with { RateLimits = RateLimitOptions.Disabled }));
        // The baseline for memory: the same listing with every token kept until the end, as buffering would.
        var buffered = await Measure.PeakHeapAsync(async () =>
        {
            using var client = new AgentTokensClient(http, options with { RateLimits = RateLimitOptions.Disabled });
            Check((await client.ListAsync(query).ToListAsync()).Count, tokens);
        });

        report.Figure($"{label} tokens: naive loop (GetFromJsonAsync, sequential)", Ms(naive));
        report.Figure($"{label} tokens: raw floor (same URLs, 4 at a time, bytes discarded)", Ms(floor));
        report.Figure($"{label} tokens: pager, default settings (25 GET/s limiter, 4 at a time)", Ms(pager));
        report.Figure($"{label} tokens: pager, rate limiter off", Ms(unlimited));
        report.Figure($"{label} tokens: time to first token / raw first page", $"{Ms(firstToken)} / {Ms(firstRaw)}");
        report.Figure($"{label} tokens: peak managed heap above baseline while listing", $"{peaks[label] / 1024 / 1024.0:0.0} MiB ({peaks[label] / tokens} B per token)");
        report.Figure($"{label} tokens: the same, every token kept (buffering)", $"{buffered / 1024 / 1024.0:0.0} MiB ({buffered / tokens} B per token)");
        report.Ratio($"{label}-pager/naive", pager / naive, "<= 0.6", pager / naive <= 0.6);
        report.Ratio($"{label}-pager/raw-floor", pager / floor, "<= 1.5", pager / floor <= 1.5);
        report.Ratio($"{label}-pager-unlimited/naive", unlimited / naive, "<= 0.6", unlimited / naive <= 0.6);
        report.Ratio($"{label}-pager-unlimited/raw-floor", unlimited / floor, "<= 1.5", unlimited / floor <= 1.5);
        report.Ratio($"{label}-first-token/raw-first-page", firstToken / firstRaw, "<= 1.2", firstToken / firstRaw <= 1.2);
        report.Ratio($"{label}-peak-heap-streaming/buffered", (double)peaks[label] / Math.Max(1, buffered));
    }

    /// <summary>200 deployments of 20 tokens, 20 ms latency, a sandbox enforcing 25 GET/s: naive loop against the fan-out.</summary>
    public static async Task OrganizationAsync(Report report)
    {
        const int deployments = 200;
        await using var sandbox = await Sandbox.Sandbox.StartAsync(new SandboxOptions
        {
            Tokens = 20, Seed = 7, Deployments = deployments, RemoteExecutionShare = 1.0, EnforceRateLimits = true,
            Faults = [new FaultRule(Fault.Latency(TimeSpan.FromMilliseconds(20)), FaultTrigger.EveryNth(1))],
        });
        using var http = Http(sandbox);
        var naive429 = new List<int>();
        var window = TimeSpan.FromMilliseconds(1100); // a fresh rate-limit window before each run
        var naive = await Measure.MedianAsync(Runs, async () =>
        {
            var limited = 0;
            var count = 0;
            async Task<JsonElement> Get(string url)
            {
                while (true)
                {
                    using var response = await http.GetAsync(url);
                    if ((int)response.StatusCode == 429)
                    {
                        limited++;
                        await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                        continue;
                    }
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                }
            }
            var list = await Get($"v1/organizations/{sandbox.OrganizationId}/deployments?limit=1000");
            foreach (var d in list.GetProperty("deployments").EnumerateArray())
            {
                var page = await Get($"v1/organizations/{sandbox.OrganizationId}/deployments/{d.GetProperty("id").GetString()}/agent-tokens?limit=1000");
                count += page.GetProperty("tokens").GetArrayLength();
            }
            Check(count, deployments * 20);
            naive429.Add(limited);
        }, window, warmUp: false);
        var fanOut429 = new List<int>();
        var fanOut = await Measure.MedianAsync(Runs, async () =>
        {
            sandbox.Requests.Clear();
            using var client = new AgentTokensClient(http, new AgentTokensClientOptions { BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken });
            var count = 0;
            await foreach (var d in client.ListOrganizationDeploymentsAsync(sandbox.OrganizationId, 16))
            {
                count += d.Tokens.Count;
            }
            Check(count, deployments * 20);
            fanOut429.Add(sandbox.Requests.Entries.Count(e => e.Status == 429));
        }, window, warmUp: false);
        var bound = TimeSpan.FromSeconds(deployments / 25.0);
        report.Figure("organization, 200 deployments: naive sequential loop", $"{Ms(naive)} ({naive429.Max()} responses 429 in the worst run)");
        report.Figure("organization, 200 deployments: fan-out (16 at a time, limiter)", $"{Ms(fanOut)} ({fanOut429.Max()} responses 429 in the worst run)");
        report.Figure("organization, 200 deployments: the D/25 s bound", Ms(bound));
        report.Ratio("organization-fan-out/bound", fanOut / bound, "<= 1.15", fanOut / bound <= 1.15);
        report.Ratio("organization-fan-out/naive", fanOut / naive);
        report.Ratio("organization-fan-out-429s", fanOut429.Max(), "0", fanOut429.Max() == 0);
    }

    private static HttpClient Http(Sandbox.Sandbox sandbox)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = sandbox.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.ApiToken);
        return http;
    }

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0.0} ms";

    private static void Check(int count, int expected)
    {
        if (count != expected)
        {
            throw new InvalidOperationException($"listed {count} tokens, expected {expected}");
        }
    }
}
