/// The native tool (this platform's package, compiled ahead of time) hands the commands whose libraries read types by
/// reflection at run time (`report`: Plotly.NET; `snapshot`: FSharp.SystemTextJson) to the managed build that ships
/// beside it in the package. It does not start a child: it replaces itself with it (execv), so the managed build is
/// the same process, with the same PID, streams, environment and every signal, and nothing is ever left behind.
module AgentTokens.Cli.Managed

open System
open System.IO
open System.Runtime.InteropServices
open System.Threading.Tasks
open AgentTokens.Cli.Terminal

[<DllImport("libc", EntryPoint = "execv", SetLastError = true)>]
extern int private execv(nativeint path, nativeint[] argv)

/// The managed build's folder inside the package, beside the native executable.
let folder = "managed"

/// Replaces this process with the managed build, same arguments; returns only if that cannot be done (one line, exit 2).
let run (argv: string array) (streams: Streams) : Task<int> =
    let executable = Path.Combine(AppContext.BaseDirectory, folder, "agent-tokens")
    let cannot (why: string) =
        error streams ("this command runs in the tool's managed build (" + executable + "), which could not be started: " + why + "; reinstall the tool.")
        Task.FromResult Exit.usage
    if not (File.Exists executable) then cannot "it is missing"
    else
        streams.Out.Flush()
        streams.Err.Flush()
        let strings = Array.append [| executable |] argv |> Array.map Marshal.StringToHGlobalAnsi
        let pointers = Array.append strings [| 0n |]
        try
            execv (strings.[0], pointers) |> ignore
            // Only reached when execv failed.
            cannot (Runtime.InteropServices.Marshal.GetLastPInvokeErrorMessage())
        finally
            for p in strings do Marshal.FreeHGlobal p
