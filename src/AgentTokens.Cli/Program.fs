/// The entry point of the agent-tokens tool: parse, run one command under the run's deadline and Ctrl+C, and turn
/// whatever happens into one line and an exit code. Nothing ends in a stack trace or an abort.
module AgentTokens.Cli.Program

open System
open System.CommandLine
open System.Runtime.CompilerServices
open System.Threading
open System.Threading.Tasks
open AgentTokens.Cli.CommandOptions
open AgentTokens.Cli.CommandLine
open AgentTokens.Cli.Terminal

let private run (argv: string array) (shared: Shared) (command: Command) (streams: Streams) (cancel: CancellationToken) : Task<int> =
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
    | SnapshotSave options ->
        if RuntimeFeature.IsDynamicCodeSupported then AuditCommands.save shared options streams cancel else Managed.run argv streams
    | SnapshotDiff options ->
        if RuntimeFeature.IsDynamicCodeSupported then AuditCommands.diff shared options streams cancel else Managed.run argv streams
    | Completion shell ->
        streams.Out.Write(Completion.script shell)
        Task.FromResult Exit.ok

/// One line for an exception nothing expected, and the exit code of a bug.
let private bug (streams: Streams) (e: exn) =
    let e = match e with :? AggregateException as a when a.InnerExceptions.Count = 1 -> a.InnerException | e -> e
    error streams $"internal error ({e.GetType().Name}: {e.Message}). This is a bug in agent-tokens: please report it with this line."
    Exit.internalError

/// Runs a command under the run's deadline (--timeout) and Ctrl+C.
let private runCommand (argv: string array) (shared: Shared) (command: Command) (streams: Streams) =
    use interrupt = new CancellationTokenSource()
    use deadline = new CancellationTokenSource()
    shared.Timeout |> Option.iter (fun t -> deadline.CancelAfter t)
    use cancel = CancellationTokenSource.CreateLinkedTokenSource(interrupt.Token, deadline.Token)
    use _ =
        Console.CancelKeyPress.Subscribe(fun e ->
            e.Cancel <- true
            interrupt.Cancel())
    try
        // The one place the tool blocks: an F# entry point cannot be async.
        (run argv shared command streams cancel.Token).GetAwaiter().GetResult()
    with
    | :? OperationCanceledException when deadline.IsCancellationRequested && not interrupt.IsCancellationRequested ->
        let seconds = shared.Timeout |> Option.map (fun t -> string (int t.TotalSeconds)) |> Option.defaultValue "?"
        error streams ("the run took longer than its deadline of " + seconds + " s (--timeout) and was stopped.")
        Exit.timeout
    | :? OperationCanceledException ->
        error streams "cancelled."
        Exit.interrupted
    | :? IO.IOException | :? UnauthorizedAccessException as e ->
        error streams ("a local file could not be read or written: " + e.Message)
        Exit.file

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
    // An exception on another thread would abort the process (and dump its memory, environment included): one line instead.
    AppDomain.CurrentDomain.UnhandledException.Add(fun e ->
        bug streams (e.ExceptionObject :?> exn) |> ignore
        Console.Error.Flush()
        Environment.Exit Exit.internalError)
    try
        match parse argv with
        | UsageError message ->
            streams.Err.WriteLine message
            Exit.usage
        | Invoke result ->
            let configuration = InvocationConfiguration(EnableDefaultExceptionHandler = false)
            result.Invoke configuration
        | Run(shared, command) -> runCommand argv shared command streams
    with e -> bug streams e
