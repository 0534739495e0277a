/// The native tool (this platform's package, compiled ahead of time) hands the commands whose libraries read types by
/// reflection at run time (`report`: Plotly.NET; `snapshot`: FSharp.SystemTextJson) to the managed build that ships
/// beside it in the package, as a child process on the same streams, and answers its exit code.
module AgentTokens.Cli.Managed

open System
open System.Diagnostics
open System.IO
open System.Runtime.InteropServices
open System.Threading.Tasks
open AgentTokens.Cli.Terminal

[<DllImport("libc", EntryPoint = "kill", SetLastError = true)>]
extern int private sendSignal(int pid, int signal)

/// The managed build's folder inside the package, beside the native executable.
let folder = "managed"

/// Runs the managed build with the same arguments; signals the tool receives are passed on, so that Ctrl+C or a
/// scheduler's SIGTERM ends the child as it would have ended the tool.
let run (argv: string array) (streams: Streams) : Task<int> =
    let executable = Path.Combine(AppContext.BaseDirectory, folder, "agent-tokens")
    let info = ProcessStartInfo(executable, UseShellExecute = false)
    for a in argv do info.ArgumentList.Add a
    let started =
        try
            Ok(Process.Start info)
        with :? ComponentModel.Win32Exception as e ->
            Error e.Message
    match started with
    | Error why ->
        error streams ("this command runs in the tool's managed build (" + executable + "), which could not be started: " + why + "; reinstall the tool.")
        Task.FromResult Exit.usage
    | Ok child ->
        task {
            use child = child
            let forward (signal: int) (context: PosixSignalContext) =
                context.Cancel <- true
                sendSignal (child.Id, signal) |> ignore
            use _ = PosixSignalRegistration.Create(PosixSignal.SIGINT, forward 2)
            use _ = PosixSignalRegistration.Create(PosixSignal.SIGTERM, forward 15)
            do! child.WaitForExitAsync()
            return child.ExitCode
        }
