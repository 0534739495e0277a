using System.Diagnostics;
using System.Text;

namespace AgentTokens.Sandbox;

/// <summary>How a sandbox starts. Immutable; change with <c>with</c>.</summary>
public sealed record SandboxOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// How many tokens each deployment with Remote Execution is seeded with (0 to millions; seeding ignores the
    /// 50-token limit); with <see cref="VaryTokens"/>, the most one holds.
    /// </summary>
    public int Tokens { get; init; } = 250;

    /// <summary>
    /// Whether token counts vary by deployment: the first holds <see cref="Tokens"/>, the others from none to
    /// <see cref="Tokens"/>, most of them few (seeded, as everything else).
    /// </summary>
    public bool VaryTokens { get; init; }

    /// <summary>How many workspaces the deployments are spread over.</summary>
    public int Workspaces { get; init; } = 1;

    /// <summary>
    /// The embedded organization that the CLI's <c>--sandbox</c>, the report and the notebooks use when no Astro
    /// settings are given: 36 deployments in 4 workspaces, about 60% with Remote Execution, each holding from none to
    /// the API's limit of 50 agent tokens. Its "now" is today's UTC midnight, so that it is the same all day (two
    /// snapshots of it taken the same day are equal).
    /// </summary>
    public static SandboxOptions EmbeddedOrganization =>
        new() { Deployments = 36, Workspaces = 4, RemoteExecutionShare = 0.6, Tokens = 50, VaryTokens = true, Seed = 7, Now = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero) };

    /// <summary>The seed: the same seed and <see cref="Now"/> give the same data.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>The bearer token the sandbox accepts. Never shown by <see cref="ToString"/>; hidden from debuggers.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string ApiToken { get; init; } = "sandbox-token";

    /// <summary>The time the seeded data is relative to; null takes the clock's time at start.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The clock for created tokens, Retry-After dates and the request log.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Create refuses a token past this many in a deployment (the API's default is 50).</summary>
    public int MaxTokensPerDeployment { get; init; } = 50;

    /// <summary>How many deployments the organization has (the first is <see cref="Sandbox.DeploymentId"/>).</summary>
    public int Deployments { get; init; } = 1;

    /// <summary>The share of deployments after the first with Remote Execution enabled (the first always has it). Only those hold agent tokens, <see cref="Tokens"/> each.</summary>
    public double RemoteExecutionShare { get; init; } = 0.6;

    /// <summary>Answer 429 (Retry-After: 1) past the API's per-token limits, GET 25/s, POST 10/s, DELETE 5/s, counted over any one second.</summary>
    public bool EnforceRateLimits { get; init; }

    /// <summary>Faults scripted from the start.</summary>
    public IReadOnlyList<FaultRule> Faults { get; init; } = [];

    /// <summary>Writes every setting but the bearer token, which shows as <c>***</c>.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Port = ").Append(Port)
            .Append(", Tokens = ").Append(Tokens)
            .Append(", Seed = ").Append(Seed)
            .Append(", ApiToken = ***")
            .Append(", Now = ").Append(Now?.ToString("O") ?? "null")
            .Append(", MaxTokensPerDeployment = ").Append(MaxTokensPerDeployment)
            .Append(", VaryTokens = ").Append(VaryTokens)
            .Append(", Deployments = ").Append(Deployments)
            .Append(", Workspaces = ").Append(Workspaces)
            .Append(", RemoteExecutionShare = ").Append(RemoteExecutionShare)
            .Append(", EnforceRateLimits = ").Append(EnforceRateLimits)
            .Append(", Faults = ").Append(Faults.Count);
        return true;
    }
}
