namespace AgentTokens.Sandbox;

/// <summary>How a sandbox starts. Immutable; change with <c>with</c>.</summary>
public sealed record SandboxOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>How many tokens the deployment is seeded with (0 to millions; seeding ignores the 50-token limit).</summary>
    public int Tokens { get; init; } = 250;

    /// <summary>The seed: the same seed and <see cref="Now"/> give the same data.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>The bearer token the sandbox accepts.</summary>
    public string ApiToken { get; init; } = "sandbox-token";

    /// <summary>The time the seeded data is relative to; null takes the clock's time at start.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The clock for created tokens, Retry-After dates and the request log.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Create refuses a token past this many in a deployment (the API's default is 50).</summary>
    public int MaxTokensPerDeployment { get; init; } = 50;

    /// <summary>Faults scripted from the start.</summary>
    public IReadOnlyList<FaultRule> Faults { get; init; } = [];
}
