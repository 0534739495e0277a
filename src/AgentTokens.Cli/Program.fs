/// The entry point of the agent-tokens tool.
module AgentTokens.Cli.Program

open System
open System.Threading
open System.Threading.Tasks
open Argu
open AgentTokens.Cli.Arguments
open AgentTokens.Cli.Terminal

let private run (argv: string array) (streams: Streams) (cancel: CancellationToken) : Task<int> =
    let parser = ArgumentParser.Create<Command>(programName = "agent-tokens")
    try
        let args = parser.ParseCommandLine(argv, raiseOnUsage = true)
        match args.GetSubCommand() with
        | List a -> TokenCommands.list args a streams cancel
        | Get a -> TokenCommands.get args a streams cancel
        | Create a -> TokenCommands.create args a streams cancel
        | Delete a -> TokenCommands.delete args a streams cancel
        | Report a -> AuditCommands.report args a streams cancel
        | Check a -> AuditCommands.check args a streams cancel
        | Snapshot a ->
            match a.GetSubCommand() with
            | Save s -> AuditCommands.save args s streams cancel
            | Diff d -> AuditCommands.diff args d streams cancel
        | Serve a ->
            AgentTokens.Sandbox.Program.Main
                [| "--embedded-organization"
                   "--port"; string (a.GetResult(Port, 5089))
                   "--api-token"; a.GetResult(Api_Token, "sandbox-token")
                   "--seed"; string (a.GetResult(Seed, 7)) |]
        | Organization _ | Deployment _ | Base_Url _ | Api_Version _ | Use_Sandbox -> Task.FromResult Exit.usage
    with
    | :? ArguParseException as e when e.ErrorCode = ErrorCode.HelpText ->
        streams.Out.WriteLine e.Message
        Task.FromResult Exit.ok
    | :? ArguParseException as e ->
        streams.Err.WriteLine e.Message
        Task.FromResult Exit.usage

[<EntryPoint>]
let main argv =
    // The terminal's width for tables: a pipe has none; a terminal that reports none (0) falls back to COLUMNS, then 120.
    let width =
        if Console.IsOutputRedirected then Int32.MaxValue
        else
            match (try Console.WindowWidth with _ -> 0), Environment.GetEnvironmentVariable "COLUMNS" with
            | w, _ when w > 0 -> max 40 w
            | _, columns when fst (Int32.TryParse columns) -> max 40 (Int32.Parse columns)
            | _ -> 120
    let streams =
        { Out = Console.Out
          Err = Console.Error
          OutIsTerminal = not Console.IsOutputRedirected
          ErrIsTerminal = not Console.IsErrorRedirected
          InIsTerminal = not Console.IsInputRedirected
          Width = width
          ReadLine = fun () -> Option.ofObj (Console.ReadLine()) }
    use cancel = new CancellationTokenSource()
    Console.CancelKeyPress.Add(fun e ->
        e.Cancel <- true
        cancel.Cancel())
    try
        // The one place the tool blocks: an F# entry point cannot be async.
        (run argv streams cancel.Token).GetAwaiter().GetResult()
    with :? OperationCanceledException ->
        error streams "cancelled."
        130
