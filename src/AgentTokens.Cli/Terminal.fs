/// The tool's edge: its streams, its exit codes, and how a failure becomes one line on stderr.
module AgentTokens.Cli.Terminal

open System
open System.IO
open AgentTokens.FSharp

/// The exit codes, as documented.
[<RequireQualifiedAccess>]
module Exit =
    let ok = 0
    let apiError = 1
    let usage = 2
    let network = 3
    let incomplete = 4
    let findings = 5
    /// The run's deadline (--timeout) passed.
    let timeout = 6
    /// A local file could not be read or written (--out, --secret-file, a snapshot).
    let file = 7
    /// A bug: an exception nothing expected (EX_SOFTWARE).
    let internalError = 70
    /// Interrupted (Ctrl+C), as shells report 128 + SIGINT.
    let interrupted = 130

/// Console streams, whether they are terminals, the terminal's width, and how to read an answer.
type Streams =
    { Out: TextWriter
      Err: TextWriter
      OutIsTerminal: bool
      ErrIsTerminal: bool
      InIsTerminal: bool
      Width: int
      ReadLine: unit -> string option }

/// Server text made safe for a terminal: every control character shown as an escape, never acted on.
let printable (text: string) = AgentTokens.TerminalText.Escape text

/// Writes one line to stderr, prefixed and made printable: nothing a server sent can break the line or the terminal.
let error (streams: Streams) (message: string) =
    streams.Err.WriteLine("agent-tokens: " + printable ((message.Split('\n').[0]).Trim()))

/// The exit code of a failure: 3 for no answer, 2 for an argument refused before sending, 4 for an incomplete
/// listing, 1 for everything the API answered (errors, and answers that broke a bound).
let exitOf (failure: ApiFailure) =
    match failure with
    | Network _ -> Exit.network
    | Invalid(p, _) when p.Status = 0 -> Exit.usage
    | Incomplete _ -> Exit.incomplete
    | _ -> Exit.apiError

/// Reports a failure in one line and answers its exit code.
let fail (streams: Streams) (failure: ApiFailure) =
    error streams (ApiFailure.describe failure)
    exitOf failure

/// Runs a step that reads or writes a local file; its failure becomes one line naming `what`, and exit 7.
let attemptFile (streams: Streams) (what: string) (step: unit -> 'T) : Result<'T, int> =
    try
        Ok(step ())
    with
    | :? IOException
    | :? UnauthorizedAccessException
    | :? NotSupportedException
    | :? ArgumentException as e ->
        error streams (what + ": " + e.Message)
        Error Exit.file
