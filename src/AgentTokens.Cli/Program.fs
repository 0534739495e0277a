/// The entry point of the agent-tokens tool.
module AgentTokens.Cli.Program

open System
open Argu
open AgentTokens
open AgentTokens.Cli.Arguments

let private run (argv: string array) (console: Commands.Streams) =
    let parser = ArgumentParser.Create<Command>(programName = "agent-tokens")
    try
        let results = parser.ParseCommandLine(argv, raiseOnUsage = true)
        match results.GetSubCommand() with
        | List args -> Commands.list args console
        | Get args -> Commands.get args console
        | Create args -> Commands.create args console
        | Delete args -> Commands.delete args console
        | Report args -> ReportCommand.run args console
        | Sandbox args ->
            let flags =
                [ yield! [ "--port"; string (args.GetResult(SandboxArgs.Port, 5089)) ]
                  yield! [ "--tokens"; string (args.GetResult(SandboxArgs.Tokens, 250)) ]
                  yield! [ "--seed"; string (args.GetResult(SandboxArgs.Seed, 7)) ]
                  yield! [ "--api-token"; args.GetResult(SandboxArgs.Api_Token, "sandbox-token") ] ]
            AgentTokens.Sandbox.Program.Main(Array.ofList flags)
    with
    | :? ArguParseException as e when e.ErrorCode = ErrorCode.HelpText ->
        console.Out.WriteLine e.Message
        Threading.Tasks.Task.FromResult Commands.Exit.ok
    | :? ArguParseException as e ->
        console.Err.WriteLine e.Message
        Threading.Tasks.Task.FromResult Commands.Exit.usage

[<EntryPoint>]
let main argv =
    let console : Commands.Streams =
        { Out = Console.Out
          Err = Console.Error
          OutIsTerminal = not Console.IsOutputRedirected
          ErrIsTerminal = not Console.IsErrorRedirected }
    // The one place the tool blocks: an F# entry point cannot be async.
    (run argv console).GetAwaiter().GetResult()
