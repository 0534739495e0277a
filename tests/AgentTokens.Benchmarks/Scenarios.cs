using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentTokens.Sandbox;

namespace AgentTokens.Benchmarks;

/// <summary>The in-process scenarios: an organization, and the scale check.</summary>
internal static class Scenarios
{
    /// <summary>
    /// 500 deployments, 40 % with Remote Execution (20 tokens each), 20 ms latency, a sandbox enforcing 25 GET/s:
    /// the fan-out against its bound (one request per listed deployment, plus the deployment pages, at 25 a second)
    /// and against the naive sequential loop that a user writes first.
    /// </summary>
    public static async Task OrganizationAsync(Report report)
    {
        const int deployments = 500, runs = 3;
        await using var sandbox = await Sandbox.Sandbox.StartAsync(new SandboxOptions
        {
            Tokens = 20, Seed = 7, Deployments = deployments, RemoteExecutionShare = 0.4, EnforceRateLimits = true,
            Faults = [new FaultRule(Fault.Latency(TimeSpan.FromMilliseconds(20)), FaultTrigger.EveryNth(1))],
        });
        var remote = sandbox.Organization.DeploymentList.Count(d => d.RemoteExecution);
        using var http = Http(sandbox);
        var window = TimeSpan.FromMilliseconds(1100); // a fresh rate-limit window before each run
        var naive429 = new List<int>();
        var naive = await Measure.MedianAsync(runs, async () =>
        {
            var limited = 0;
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
            var count = 0;
            var list = await Get($"v1/organizations/{sandbox.OrganizationId}/deployments?limit=1000");
            foreach (var d in list.GetProperty("deployments").EnumerateArray())
            {
                if (d.TryGetProperty("remoteExecution", out var re) && re.ValueKind == JsonValueKind.Object && re.GetProperty("enabled").GetBoolean())
                {
                    var page = await Get($"v1/organizations/{sandbox.OrganizationId}/deployments/{d.GetProperty("id").GetString()}/agent-tokens?limit=1000");
                    count += page.GetProperty("tokens").GetArrayLength();
                }
            }
            Check(count, remote * 20);
            naive429.Add(limited);
        }, window, warmUp: false);
        var fanOut429 = new List<int>();
        var requests = 0;
        var fanOut = await Measure.MedianAsync(runs, async () =>
        {
            sandbox.Requests.Clear();
            using var client = new AgentTokensClient(http, new AgentTokensClientOptions { BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken, RateLimitRegistry = new RateLimitRegistry() });
            var count = 0;
            await foreach (var d in client.ListOrganizationDeploymentsAsync(sandbox.OrganizationId, 16))
            {
                count += d.Tokens.Count;
            }
            Check(count, remote * 20);
            fanOut429.Add(sandbox.Requests.Entries.Count(e => e.Status == 429));
            requests = sandbox.Requests.Count;
        }, window, warmUp: false);
        var bound = TimeSpan.FromSeconds(requests / 25.0);
        report.Figure($"organization, {deployments} deployments ({remote} with Remote Execution): naive sequential loop", $"{Ms(naive)} ({naive429.Max()} answers 429 in the worst run)");
        report.Figure($"organization: fan-out (16 at a time, client's limiter)", $"{Ms(fanOut)} ({requests} requests, {fanOut429.Max()} answers 429 in the worst run)");
        report.Figure("organization: the bound, requests / 25 per second", Ms(bound));
        report.Ratio("organization-fan-out/bound", fanOut / bound, "<= 1.10", fanOut / bound <= 1.10);
        report.Ratio("organization-fan-out/naive-sequential", fanOut / naive);
        report.Ratio("organization-fan-out-429s", fanOut429.Max(), "0", fanOut429.Max() == 0);
    }

    /// <summary>
    /// The scale check, not a speed target: one deployment of 10,000 and of 100,000 tokens, every token listed and
    /// kept; the peak managed heap per token should stay about the same (memory linear at a small constant).
    /// </summary>
    public static async Task ScaleAsync(Report report)
    {
        var perToken = new Dictionary<int, double>();
        foreach (var tokens in new[] { 10_000, 100_000 })
        {
            await using var sandbox = await Sandbox.Sandbox.StartAsync(new SandboxOptions { Tokens = tokens, Seed = 7 });
            using var http = Http(sandbox);
            // 100,000 tokens in one deployment: far past MaxTokens' default (10,000), so raised here.
            var options = new AgentTokensClientOptions { BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken, RateLimits = RateLimitOptions.Disabled, MaxTokens = 200_000 };
            var query = new AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId);
            var peak = await Measure.PeakHeapAsync(async () =>
            {
                using var client = new AgentTokensClient(http, options);
                Check((await client.ListAsync(query).ToListAsync()).Count, tokens);
            });
            perToken[tokens] = (double)peak / tokens;
            report.Figure($"scale, {tokens:N0} tokens listed and kept: peak managed heap", $"{peak / 1024 / 1024.0:0.0} MiB ({perToken[tokens]:0} B per token)");
        }
        var ratio = perToken[100_000] / perToken[10_000];
        report.Ratio("scale-bytes-per-token-100000/10000", ratio, "about 1 (linear)", ratio is > 0.5 and < 1.5);
    }

    internal static HttpClient Http(Sandbox.Sandbox sandbox)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = sandbox.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.ApiToken);
        return http;
    }

    internal static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0.0} ms";

    internal static void Check(int count, int expected)
    {
        if (count != expected)
        {
            throw new InvalidOperationException($"listed {count} items, expected {expected}");
        }
    }
}
