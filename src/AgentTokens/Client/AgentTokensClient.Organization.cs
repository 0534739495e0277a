using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AgentTokens;

public sealed partial class AgentTokensClient
{
    /// <summary>
    /// Every Remote Execution deployment of the organization with all of its agent tokens (none for one that holds
    /// none), read <paramref name="maxConcurrency"/> at a time and yielded as each completes. The rate limiter holds the
    /// fan-out to the API's limit, its bound: D deployments take about D/25 s. A failure of any deployment ends it.
    /// </summary>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="maxConcurrency">How many deployments to list at once (default 8).</param>
    /// <param name="progress">Told (deployments done, deployments with Remote Execution) once they are known and after each one.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public IAsyncEnumerable<DeploymentAgentTokens> ListOrganizationDeploymentsAsync(
        string organizationId, int maxConcurrency = 8, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        _ = AgentTokenRequests.ListDeployments(Options.ApiVersion, organizationId);
        if (maxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrency), maxConcurrency, "maxConcurrency must be at least 1.");
        }
        return FanOutAsync(organizationId, maxConcurrency, progress, cancellationToken);
    }

    private async IAsyncEnumerable<DeploymentAgentTokens> FanOutAsync(
        string organizationId, int maxConcurrency, IProgress<(int Done, int Total)>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var deployments = await ListDeploymentsAsync(organizationId, cancellationToken)
            .Where(d => d.HasRemoteExecution).ToListAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report((0, deployments.Count));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bounded: at most maxConcurrency finished deployments wait for the reader.
        var results = Channel.CreateBounded<DeploymentAgentTokens>(maxConcurrency);
        var producer = Parallel.ForEachAsync(deployments, new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = stop.Token }, async (deployment, token) =>
        {
            if (AgentTokenRequests.SegmentProblem(deployment.Id) is { } problem)
            {
                // Reported and skipped: one unreadable entry of the server's listing does not stop the organization's audit.
                var skipped = new DeploymentAgentTokens(deployment, []) { Problem = $"the server listed it with an ID that is {problem}; its tokens were not read" };
                await results.Writer.WriteAsync(skipped, token).ConfigureAwait(false);
                return;
            }
            var tokens = await ListAsync(new AgentTokenListQuery(organizationId, deployment.Id), token).ToListAsync(token).ConfigureAwait(false);
            await results.Writer.WriteAsync(new DeploymentAgentTokens(deployment, tokens), token).ConfigureAwait(false);
        });
        _ = producer.ContinueWith(t => results.Writer.TryComplete(t.Exception?.GetBaseException()), TaskScheduler.Default);
        try
        {
            var done = 0;
            await foreach (var deployment in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                progress?.Report((++done, deployments.Count));
                yield return deployment;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early or cancelled: the remaining listings were abandoned on purpose.
            }
        }
    }
}
