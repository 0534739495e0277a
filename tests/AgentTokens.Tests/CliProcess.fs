/// The agent-tokens tool as a process: on pipes, or on a terminal (a pseudo-terminal from util-linux's `script`).
module AgentTokens.Tests.CliProcess

open System
open System.Diagnostics
open System.IO
open Expecto
open AgentTokens.Sandbox

/// The tool built with the same configuration as these tests.
let toolDll =
    let configuration = if AppContext.BaseDirectory.Contains "/Release/" then "Release" else "Debug"
    Path.Combine(ReadmeTests.repoRoot, "src", "AgentTokens.Cli", "bin", configuration, "net10.0", "agent-tokens.dll")

/// A way to start the tool: the file to run and the arguments before the command's own.
type Tool = { File: string; Prefix: string list }

/// The managed build, as `dotnet run` and the portable package run it.
let managed = { File = "dotnet"; Prefix = [ toolDll ] }

/// Runs a tool on pipes with the sandbox's token in ASTRO_API_TOKEN.
let cliWith (tool: Tool) (bearer: string) (args: string list) =
    Processes.run tool.File (tool.Prefix @ args) ReadmeTests.repoRoot [ "ASTRO_API_TOKEN", bearer ] (TimeSpan.FromMinutes 2.0)

/// Runs the tool on pipes with the sandbox's token in ASTRO_API_TOKEN.
let cli (bearer: string) (args: string list) = cliWith managed bearer args

/// The flags that point the tool at a sandbox's organization and deployment.
let pointedAt (sandbox: Sandbox) =
    [ "--base-url"; string sandbox.BaseAddress; "--organization"; sandbox.OrganizationId; "--deployment"; sandbox.DeploymentId ]

/// Runs the tool on pipes against a sandbox.
let at (sandbox: Sandbox) (args: string list) = cli sandbox.ApiToken (args @ pointedAt sandbox)

let private quote (arg: string) = "'" + arg.Replace("'", "'\\''") + "'"

/// Runs a tool on a terminal against a sandbox, typing `input` at it; the terminal's output (stdout and stderr, with \r\n).
let onTerminalWith (tool: Tool) (sandbox: Sandbox) (args: string list) (input: string) =
    let command = String.Join(" ", tool.File :: tool.Prefix @ args @ pointedAt sandbox |> List.map quote)
    let info = ProcessStartInfo("script", WorkingDirectory = ReadmeTests.repoRoot, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true)
    for a in [ "--quiet"; "--return"; "--command"; command; "/dev/null" ] do info.ArgumentList.Add a
    for v in [ "ASTRO_ORGANIZATION_ID"; "ASTRO_DEPLOYMENT_ID"; "ASTRO_BASE_URL"; "ASTRO_API_VERSION" ] do info.Environment.Remove v |> ignore
    info.Environment.["ASTRO_API_TOKEN"] <- sandbox.ApiToken
    info.Environment.["TERM"] <- "xterm"
    // A pseudo-terminal of no stated size: the tool falls back to COLUMNS, as it would on such a terminal.
    info.Environment.["COLUMNS"] <- "90"
    use p = Process.Start info
    let stdout = p.StandardOutput.ReadToEndAsync()
    let stderr = p.StandardError.ReadToEndAsync()
    // Typed after the tool has started, as a user would answer its prompt.
    Threading.Thread.Sleep 1500
    p.StandardInput.Write input
    p.StandardInput.Flush()
    if not (p.WaitForExit 120_000) then
        p.Kill true
        failwith "the tool did not finish on the terminal within 2 minutes"
    p.StandardInput.Close()
    { Processes.ExitCode = p.ExitCode; Processes.Stdout = stdout.Result; Processes.Stderr = stderr.Result }

/// Runs the tool on a terminal against a sandbox, typing `input` at it; the terminal's output (stdout and stderr, with \r\n).
let onTerminal (sandbox: Sandbox) (args: string list) (input: string) = onTerminalWith managed sandbox args input

let expectExit code (outcome: Processes.Outcome) =
    Expect.equal outcome.ExitCode code (sprintf "exit code\nstdout: %s\nstderr: %s" outcome.Stdout outcome.Stderr)

let expectOneLineError (outcome: Processes.Outcome) =
    let lines = outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
    Expect.equal lines.Length 1 (sprintf "one line on stderr: %s" outcome.Stderr)
    Expect.isFalse (outcome.Stderr.Contains "   at ") "no stack trace"

/// No control character but tab, carriage return and new line: nothing a terminal would act on. On a terminal the
/// .NET runtime itself switches the keypad to application mode at start (ESC [ ? 1 h ESC =) and back at the end;
/// those are the runtime's own, not text the tool was given, and are left out.
let expectNoControlCharacters (what: string) (text: string) =
    let text = text.Replace("\u001b[?1h\u001b=", "").Replace("\u001b[?1l\u001b>", "")
    let bad = text |> Seq.filter (fun c -> (Char.IsControl c || c = '\u007f') && c <> '\n' && c <> '\r' && c <> '\t') |> Seq.distinct |> List.ofSeq
    Expect.isEmpty bad (sprintf "%s writes no raw control character (found %A)" what [ for c in bad -> int c ])
