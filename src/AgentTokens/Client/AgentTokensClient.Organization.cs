using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AgentTokens;

public sealed partial class AgentTokensClient
{
    /// <summary>
    /// Every agent token of the organization, with its deployment: the deployments with Remote Execution are listed,
    /// then their tokens are read with at most <paramref name="maxConcurrency"/> deployments at a time. Tokens of
    /// one deployment come together, deployments in the order they finish. The per-token rate limiter keeps the
    /// whole fan-out under the API's limit, which is then its bound: D deployments take about D/25 seconds.
    /// </summary>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="maxConcurrency">How many deployments to list at once (default 8).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public IAsyncEnumerable<DeploymentAgentToken> ListOrganizationAsync(string organizationId, int maxConcurrency = 8, CancellationToken cancellationToken = default)
    {
        _ = AgentTokenRequests.ListDeployments(Options.ApiVersion, organizationId);
        if (maxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrency), maxConcurrency, "maxConcurrency must be at least 1.");
        }
        return FanOutAsync(organizationId, maxConcurrency, cancellationToken);
    }

    private async IAsyncEnumerable<DeploymentAgentToken> FanOutAsync(string organizationId, int maxConcurrency, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var deployments = new List<Deployment>();
        await foreach (var d in ListDeploymentsAsync(organizationId, cancellationToken).ConfigureAwait(false))
        {
            if (d.HasRemoteExecution)
            {
                deployments.Add(d);
            }
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var results = Channel.CreateBounded<DeploymentAgentToken[]>(maxConcurrency);
        var producer = Parallel.ForEachAsync(deployments, new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = stop.Token }, async (deployment, token) =>
        {
            var tokens = new List<DeploymentAgentToken>();
            await foreach (var t in ListAsync(new AgentTokenListQuery(organizationId, deployment.Id), token).ConfigureAwait(false))
            {
                tokens.Add(new DeploymentAgentToken(deployment, t));
            }
            await results.Writer.WriteAsync([.. tokens], token).ConfigureAwait(false);
        });
        _ = producer.ContinueWith(t => results.Writer.TryComplete(t.Exception?.GetBaseException()), TaskScheduler.Default);
        try
        {
            await foreach (var batch in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
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
