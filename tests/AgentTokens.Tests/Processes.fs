/// Running the repository's own programs (notebook runners, the CLI) as processes, with a time limit.
module AgentTokens.Tests.Processes

open System
open System.Diagnostics
open System.IO

/// What a process did.
type Outcome = { ExitCode: int; Stdout: string; Stderr: string }

/// The ASTRO_* variables are removed, so child processes use the sandbox whatever the machine has set.
let run (file: string) (args: string list) (workingDirectory: string) (environment: (string * string) list) (timeout: TimeSpan) =
    let info = ProcessStartInfo(file, WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false)
    for a in args do info.ArgumentList.Add a
    for v in [ "ASTRO_API_TOKEN"; "ASTRO_ORGANIZATION_ID"; "ASTRO_DEPLOYMENT_ID"; "ASTRO_BASE_URL"; "ASTRO_API_VERSION" ] do
        info.Environment.Remove v |> ignore
    for name, value in environment do info.Environment.[name] <- value
    info.Environment.["DOTNET_CLI_TELEMETRY_OPTOUT"] <- "1"
    info.Environment.["DOTNET_NOLOGO"] <- "1"
    use p = Process.Start info
    p.StandardInput.Close()
    let stdout = p.StandardOutput.ReadToEndAsync()
    let stderr = p.StandardError.ReadToEndAsync()
    if not (p.WaitForExit(int timeout.TotalMilliseconds)) then
        p.Kill true
        failwithf "%s %s did not finish within %O" file (String.Join(" ", args)) timeout
    { ExitCode = p.ExitCode; Stdout = stdout.Result; Stderr = stderr.Result }
