using Microsoft.Extensions.Hosting;

namespace AgentTokens.Sandbox;

/// <summary>
/// The sandbox never owns the process: in a test, a notebook kernel or the CLI, Ctrl+C and SIGTERM belong to the
/// host program, not to Kestrel's console lifetime (which would swallow them and wait for a shutdown nobody starts).
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
