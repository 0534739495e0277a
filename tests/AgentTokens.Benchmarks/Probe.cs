using System.Diagnostics;
using AgentTokens.Sandbox;
namespace AgentTokens.Benchmarks;
internal static class Probe
{
    public static async Task RunAsync()
    {
        await using var sandbox = await Sandbox.Sandbox.StartAsync(new SandboxOptions { Tokens = 10_000, Seed = 7 });
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = sandbox.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", sandbox.ApiToken);
        var url = $"v1/organizations/{sandbox.OrganizationId}/deployments/{sandbox.DeploymentId}/agent-tokens?offset=0&limit=1000";
        var options = new AgentTokensClientOptions { BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken, RateLimits = RateLimitOptions.Disabled };
        var query = new AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId);
        using var shared = new AgentTokensClient(http, options);
        for (var i = 0; i < 8; i++)
        {
            var w = Stopwatch.StartNew();
            await http.GetByteArrayAsync(url);
            var raw = w.Elapsed.TotalMilliseconds;
            w.Restart();
            using var client = new AgentTokensClient(http, options);
            var made = w.Elapsed.TotalMilliseconds;
            await using (var items = client.ListAsync(query).GetAsyncEnumerator())
            {
                await items.MoveNextAsync();
                var first = w.Elapsed.TotalMilliseconds;
                await items.DisposeAsync();
                Console.WriteLine($"raw {raw:0.00} client {made:0.00} first {first:0.00} disposed {w.Elapsed.TotalMilliseconds:0.00}");
            }
            w.Restart();
            await using (var items = shared.ListAsync(query).GetAsyncEnumerator())
            {
                await items.MoveNextAsync();
                Console.WriteLine($"   shared client first {w.Elapsed.TotalMilliseconds:0.00}");
            }
        }
    }
}
