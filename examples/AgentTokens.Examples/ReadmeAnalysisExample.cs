using AgentTokens;
using AgentTokens.Analysis;
using AgentTokens.Charts;

namespace AgentTokens.Examples;

/// <summary>The README's C# analysis example: the text between the README markers is shown there verbatim.</summary>
public static class ReadmeAnalysisExample
{
    /// <summary>Audits every Remote Execution deployment of an organization: summary, policy findings, a chart, the report.</summary>
    /// <param name="client">A client pointed at the API (the sandbox's in the tests).</param>
    /// <param name="organizationId">The organization.</param>
    /// <param name="now">The moment to analyse at.</param>
    /// <param name="folder">Where to write the chart and the report.</param>
    /// <param name="output">Where to write the summary and the findings.</param>
    public static async Task RunAsync(AgentTokensClient client, string organizationId, DateTimeOffset now, string folder, TextWriter output)
    {
        // README-BEGIN
        // Every Remote Execution deployment of the organization, with its tokens (the core's own types).
        var deployments = await client.ListOrganizationDeploymentsAsync(organizationId).ToListAsync();
        var tokens = deployments.SelectMany(d => d.Tokens).ToList();

        var summary = tokens.Summarize(now);
        output.WriteLine($"{summary.Total} tokens: {summary.Expired} expired, {summary.ExpiringWithin30Days} expire within 30 days, {summary.NeverUsed} never used");
        foreach (var token in tokens.ExpiringWithin(TimeSpan.FromDays(7), now))
            output.WriteLine($"  {token.Name} expires {token.EndAt:yyyy-MM-dd}");

        // The policy gate of `agent-tokens check`, with its defaults or your own.
        foreach (var finding in deployments.CheckPolicy(now, expiringWithinDays: 30).Where(f => f.Rule == "expired"))
            output.WriteLine($"  {finding.DeploymentName}: {finding.TokenName} {finding.Detail}");

        // Plotly.NET charts, and the whole report as one self-contained page.
        tokens.ExpiryTimelineChart(now).SaveHtmlOffline(Path.Combine(folder, "expiry.html"));
        deployments.SaveReport(Path.Combine(folder, "token-health.html"), now);
        // README-END
    }
}
