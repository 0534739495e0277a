using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AgentTokens;

public sealed partial class AgentTokensClient
{
    /// <summary>Reads one page of the organization's deployments.</summary>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="offset">How many to skip.</param>
    /// <param name="limit">The page size (0 to 1000).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<DeploymentPage> GetDeploymentsPageAsync(string organizationId, int offset = 0, int? limit = null, CancellationToken cancellationToken = default)
    {
        var request = AgentTokenRequests.ListDeployments(Options.ApiVersion, organizationId, offset, limit);
        return SendAsync(request, Json(AgentTokensJsonContext.Default.DeploymentPage), offset, cancellationToken)!;
    }

    /// <summary>Lists the organization's deployments, 1000 per page, each once.</summary>
    /// <param name="organizationId">The organization's ID.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public async IAsyncEnumerable<Deployment> ListDeploymentsAsync(string organizationId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _ = AgentTokenRequests.ListDeployments(Options.ApiVersion, organizationId);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = 0; ;)
        {
            var page = await GetDeploymentsPageAsync(organizationId, offset, Options.PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var deployment in page.Deployments.Where(d => seen.Add(d.Id)))
            {
                yield return deployment;
            }
            offset += page.Deployments.Count;
            if (page.Deployments.Count == 0 || offset >= page.TotalCount)
            {
                yield break;
            }
        }
    }

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
