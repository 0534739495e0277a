using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.InteropServices;

namespace AgentTokens.Sandbox;

/// <summary>
/// The sandbox's command line, defined once (System.CommandLine) and used twice: by the standalone program
/// (<c>dotnet run --project src/AgentTokens.Sandbox</c>) and by the tool's <c>agent-tokens sandbox</c> command.
/// </summary>
public static class SandboxCommandLine
{
    /// <summary>The standalone program: a single deployment of <c>--tokens</c> tokens unless <c>--embedded-organization</c>.</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand("AgentTokens sandbox: a local Astro agent-token API (List, Get, Create and Delete under /v1, /iam/v1beta1 and /platform/v1beta1).");
        Configure(root, embeddedByDefault: false);
        return root;
    }

    /// <summary>The options the standalone program's arguments ask for; a <see cref="FormatException"/> names every problem.</summary>
    /// <param name="args">The arguments.</param>
    public static SandboxOptions Parse(IReadOnlyList<string> args)
    {
        var root = new RootCommand();
        var read = Configure(root, embeddedByDefault: false);
        var result = root.Parse(args);
        return result.Errors.Count > 0
            ? throw new FormatException(string.Join(" ", result.Errors.Select(e => e.Message)))
            : read(result);
    }

    /// <summary>
    /// The tool's command: the embedded organization (36 deployments in 4 workspaces), served in the foreground until
    /// Ctrl+C or SIGTERM.
    /// </summary>
    /// <param name="name">The command's name (<c>sandbox</c>).</param>
    public static Command ForTool(string name)
    {
        var command = new Command(name, "run the local sandbox API (the embedded organization) in the foreground, until Ctrl+C.");
        Configure(command, embeddedByDefault: true);
        return command;
    }

    /// <summary>Adds the options and the action to <paramref name="command"/>; answers how to read the options from a parse.</summary>
    private static Func<ParseResult, SandboxOptions> Configure(Command command, bool embeddedByDefault)
    {
        var port = Number("--port", "port on 127.0.0.1 (0 picks a free one).", 5089, 0, 65535);
        var seed = Number("--seed", "the seed of the generated data.", 7, int.MinValue, int.MaxValue);
        var apiToken = new Option<string>("--api-token") { Description = "the bearer token it accepts.", HelpName = "TOKEN", DefaultValueFactory = _ => "sandbox-token" };
        apiToken.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(value) || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                r.AddError("--api-token must be a non-empty value without spaces or control characters.");
            }
        });
        var now = new Option<DateTimeOffset?>("--now") { Description = "the moment the data is generated around (ISO 8601; default: today at UTC midnight).", HelpName = "TIME" };
        var limits = new Option<bool>("--enforce-rate-limits") { Description = "answer 429 past the API's per-token limits (GET 25/s, POST 10/s, DELETE 5/s)." };
        var faults = new Option<string[]>("--fault") { Description = "inject a fault, FAULT@TRIGGER (e.g. 429@next:3, 503@every:5, latency:200@prob:0.1); repeat for several.", HelpName = "SPEC", Arity = ArgumentArity.ZeroOrMore };
        faults.Validators.Add(r =>
        {
            foreach (var spec in r.GetValueOrDefault<string[]>() ?? [])
            {
                try
                {
                    FaultSpec.Parse(spec, 0);
                }
                catch (FormatException e)
                {
                    r.AddError($"--fault {TerminalEscape(spec)}: {e.Message}");
                }
            }
        });
        var shared = new Option[] { port, seed, apiToken, now, limits, faults };
        foreach (var option in shared)
        {
            command.Options.Add(option);
        }
        Option<int>? tokens = null, deployments = null, workspaces = null, maxTokens = null;
        Option<bool>? vary = null, embedded = null;
        if (!embeddedByDefault)
        {
            tokens = Number("--tokens", "tokens in the deployment.", 250, 0, 10_000_000);
            deployments = Number("--deployments", "deployments in the organization.", 1, 1, 100_000);
            workspaces = Number("--workspaces", "workspaces the deployments are spread over.", 1, 1, 1000);
            maxTokens = Number("--max-tokens-per-deployment", "the most tokens Create accepts per deployment (the API's default is 50).", 50, 0, int.MaxValue);
            vary = new Option<bool>("--vary-tokens") { Description = "give each deployment from none to the API's limit of tokens." };
            embedded = new Option<bool>("--embedded-organization") { Description = "serve the embedded organization (what the tool's report, --sandbox and the notebooks see)." };
            foreach (var option in new Option[] { tokens, deployments, workspaces, maxTokens, vary, embedded })
            {
                command.Options.Add(option);
            }
        }
        SandboxOptions Read(ParseResult result)
        {
            var options = embeddedByDefault || result.GetValue(embedded!) ? SandboxOptions.EmbeddedOrganization : new SandboxOptions
            {
                Tokens = result.GetValue(tokens!),
                Deployments = result.GetValue(deployments!),
                Workspaces = result.GetValue(workspaces!),
                MaxTokensPerDeployment = result.GetValue(maxTokens!),
                VaryTokens = result.GetValue(vary!),
            };
            var seedValue = result.GetValue(seed);
            options = options with
            {
                Port = result.GetValue(port),
                Seed = seedValue,
                ApiToken = result.GetValue(apiToken)!,
                Now = result.GetValue(now) ?? options.Now,
                EnforceRateLimits = result.GetValue(limits),
                Faults = [.. (result.GetValue(faults) ?? []).Select(f => FaultSpec.Parse(f, seedValue))],
            };
            return options;
        }
        command.SetAction((result, cancellationToken) => ServeAsync(Read(result), cancellationToken));
        return Read;
    }

    private static Option<int> Number(string name, string description, int defaultValue, int min, int max)
    {
        var option = new Option<int>(name) { Description = $"{description} (default {defaultValue.ToString(CultureInfo.InvariantCulture)})", HelpName = "N", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                r.AddError($"{name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        return option;
    }

    private static string TerminalEscape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString()));

    /// <summary>Starts the sandbox and serves until Ctrl+C, SIGTERM or SIGHUP, then stops it cleanly.</summary>
    private static async Task<int> ServeAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        Sandbox sandbox;
        try
        {
            sandbox = await Sandbox.StartAsync(options);
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await Console.Error.WriteLineAsync($"sandbox: port {options.Port} on 127.0.0.1 is in use: stop what listens there, or pick another with --port (0 picks a free one).");
            return 1;
        }
        await using var _ = sandbox;
        var stop = new TaskCompletionSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        using var cancelled = cancellationToken.Register(() => stop.TrySetResult());
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
}
