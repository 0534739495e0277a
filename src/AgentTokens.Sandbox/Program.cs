using System.Globalization;

namespace AgentTokens.Sandbox;

/// <summary>
/// The standalone sandbox: <c>dotnet run --project src/AgentTokens.Sandbox -- --port 5089 --tokens 250 --seed 7 --api-token sandbox-token</c>.
/// </summary>
public static class Program
{
    private const string Usage =
        "usage: AgentTokens.Sandbox [--port N] [--tokens N] [--seed N] [--api-token TOKEN] [--now ISO-8601] [--deployments N] [--workspaces N] [--vary-tokens] [--embedded-organization] [--enforce-rate-limits] [--max-tokens-per-deployment N] [--fault SPEC]...\n" +
        "  SPEC is FAULT@TRIGGER, e.g. 429@next:3, 503@every:5, latency:200@prob:0.1 (see FaultSpec).";

    /// <summary>Starts the sandbox and serves until Ctrl+C or SIGTERM, then stops it cleanly.</summary>
    /// <param name="args">The flags.</param>
    public static async Task<int> Main(string[] args)
    {
        SandboxOptions options;
        try
        {
            options = Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync(e.Message + "\n" + Usage);
            return 2;
        }
        Sandbox sandbox;
        try
        {
            sandbox = await Sandbox.StartAsync(options);
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await Console.Error.WriteLineAsync($"Port {options.Port} on 127.0.0.1 is in use: stop what listens there, or pick another with --port (0 picks a free one).");
            return 1;
        }
        await using var _ = sandbox;
        var stop = new TaskCompletionSource();
        void Stop(System.Runtime.InteropServices.PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
        Console.WriteLine($"AgentTokens sandbox listening on {sandbox.BaseAddress}");
        Console.WriteLine($"  organization: {sandbox.OrganizationId}");
        Console.WriteLine($"  deployment:   {sandbox.DeploymentId}");
        Console.WriteLine($"  tokens:       {sandbox.Store.Count} (seed {options.Seed}, now {WireFormat.Time(sandbox.Now)})");
        Console.WriteLine($"  deployments:  {sandbox.DeploymentIds.Count} ({sandbox.Organization.DeploymentList.Count(d => d.RemoteExecution)} with Remote Execution)");
        Console.WriteLine($"  bearer:       the value of --api-token (not shown)");
        Console.WriteLine($"  try:          curl -H \"Authorization: Bearer $TOKEN\" \"{sandbox.BaseAddress}v1/organizations/{sandbox.OrganizationId}/deployments/{sandbox.DeploymentId}/agent-tokens?limit=5&sorts=createdAt:desc\"");
        Console.WriteLine("Press Ctrl+C to stop.");
        await stop.Task;
        return 0;
    }

    /// <summary>Parses the flags into options; a <see cref="FormatException"/> names the bad flag.</summary>
    /// <param name="args">The flags.</param>
    public static SandboxOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SandboxOptions { Port = 5089 };
        var faults = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
            int Number(int min, int max)
            {
                var flag = args[i];
                var text = Value();
                return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                    ? n : throw new FormatException($"{flag} must be a whole number between {min} and {max}, not '{text}'.");
            }
            options = args[i] switch
            {
                "--port" => options with { Port = Number(0, 65535) },
                "--tokens" => options with { Tokens = Number(0, 10_000_000) },
                "--seed" => options with { Seed = Number(int.MinValue, int.MaxValue) },
                "--api-token" => options with { ApiToken = Value() },
                "--deployments" => options with { Deployments = Number(1, 100_000) },
                "--workspaces" => options with { Workspaces = Number(1, 1000) },
                "--vary-tokens" => options with { VaryTokens = true },
                "--embedded-organization" => SandboxOptions.EmbeddedOrganization with { Port = options.Port, ApiToken = options.ApiToken },
                "--enforce-rate-limits" => options with { EnforceRateLimits = true },
                "--max-tokens-per-deployment" => options with { MaxTokensPerDeployment = Number(0, int.MaxValue) },
                "--now" => options with { Now = DateTimeOffset.Parse(Value(), CultureInfo.InvariantCulture) },
                "--fault" => Add(faults, Value(), options),
                "--help" or "-h" => throw new FormatException("AgentTokens sandbox: a local Astro agent-token API."),
                _ => throw new FormatException($"Unknown flag '{args[i]}'."),
            };
        }
        return options with { Faults = [.. faults.Select(f => FaultSpec.Parse(f, options.Seed))] };
    }

    private static SandboxOptions Add(List<string> faults, string spec, SandboxOptions options)
    {
        faults.Add(spec);
        return options;
    }
}
