/// `agent-tokens sandbox`: the embedded organization served in the foreground. Apart, so that no other command
/// loads the sandbox or ASP.NET Core.
module AgentTokens.Cli.Serve

open System.Runtime.CompilerServices
open AgentTokens.Cli.Arguments

/// Serves until Ctrl+C; the exit code of the sandbox's own entry point.
[<MethodImpl(MethodImplOptions.NoInlining)>]
let run (options: ServeOptions) =
    AgentTokens.Sandbox.Program.Main
        [| "--embedded-organization"; "--port"; string options.Port; "--api-token"; options.ApiToken; "--seed"; string options.Seed |]
