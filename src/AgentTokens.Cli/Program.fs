/// The entry point of the agent-tokens tool.
module AgentTokens.Cli.Program

open System
open System.Runtime.CompilerServices
open System.Threading
open System.Threading.Tasks
open AgentTokens.Cli.Arguments
open AgentTokens.Cli.Terminal

let private run (argv: string array) (streams: Streams) (cancel: CancellationToken) : Task<int> =
    match parse argv with
    | Help text ->
        streams.Out.WriteLine text
        Task.FromResult Exit.ok
    | UsageError message ->
        streams.Err.WriteLine message
        Task.FromResult Exit.usage
    | Run(shared, command) ->
        match command with
        | List options -> TokenCommands.list shared options streams cancel
        | Get options -> TokenCommands.get shared options streams cancel
        | Create options -> TokenCommands.create shared options streams cancel
        | Delete options -> TokenCommands.delete shared options streams cancel
        // The native tool leaves out what reads types by reflection (RuntimeFeature.IsDynamicCodeSupported is a
        // constant there, so the compiler drops these branches): the managed build beside it runs those commands.
        | Report folder ->
            if RuntimeFeature.IsDynamicCodeSupported then AuditCommands.report shared folder streams cancel else Managed.run argv streams
        | Check options -> AuditCommands.check shared options streams cancel
        | SnapshotSave file ->
            if RuntimeFeature.IsDynamicCodeSupported then AuditCommands.save shared file streams cancel else Managed.run argv streams
        | SnapshotDiff options ->
            if RuntimeFeature.IsDynamicCodeSupported then AuditCommands.diff shared options streams cancel else Managed.run argv streams
        | Serve options -> Serve.run options

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
