using System.CommandLine;

namespace AgentTokens.Sandbox;

/// <summary>
/// The standalone sandbox: <c>dotnet run --project src/AgentTokens.Sandbox -- --port 5089 --tokens 250 --seed 7 --api-token sandbox-token</c>
/// (the options are <see cref="SandboxCommandLine"/>'s, which the tool's <c>agent-tokens sandbox</c> shares).
/// </summary>
public static class Program
{
    /// <summary>Serves until Ctrl+C, SIGTERM or SIGHUP; a bad argument is named on stderr with exit 2.</summary>
    /// <param name="args">The arguments.</param>
    public static async Task<int> Main(string[] args)
    {
        var result = SandboxCommandLine.Root().Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync("sandbox: " + error.Message);
            }
            await Console.Error.WriteLineAsync("See 'AgentTokens.Sandbox --help'.");
            return 2;
        }
        return await result.InvokeAsync();
    }
}
