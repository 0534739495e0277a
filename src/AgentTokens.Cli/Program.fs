/// The entry point of the agent-tokens tool.
module AgentTokens.Cli.Program

open System
open Argu
open AgentTokens.Cli.Arguments

[<EntryPoint>]
let main argv =
    let parser = ArgumentParser.Create<Command>(programName = "agent-tokens")
    try
        let results = parser.ParseCommandLine(argv, raiseOnUsage = true)
        match results.GetSubCommand() with
        // The one place the tool blocks: an F# entry point cannot be async.
        | Report args -> (ReportCommand.run args Console.Out Console.Error).GetAwaiter().GetResult()
    with :? ArguParseException as e ->
        eprintfn "%s" e.Message
        if e.ErrorCode = ErrorCode.HelpText then 0 else 2
