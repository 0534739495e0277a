/// The command line, declared with Argu.
module AgentTokens.Cli.Arguments

open Argu

/// Flags shared by every command that talks to the API.
type ReportArgs =
    | [<AltCommandLine("-o")>] Out of dir: string
    | Sandbox
    | Tokens of count: int
    | Seed of seed: int

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Out _ -> "the folder to write token-health.html to (default artifacts/report)."
            | Sandbox -> "use an in-process sandbox even when ASTRO_* variables are set."
            | Tokens _ -> "tokens to seed the sandbox with (default 300)."
            | Seed _ -> "the sandbox's seed (default 7)."

/// The commands.
[<RequireSubcommand>]
type Command =
    | [<CliPrefix(CliPrefix.None)>] Report of ParseResults<ReportArgs>

    interface IArgParserTemplate with
        member c.Usage =
            match c with
            | Report _ -> "write the token-health report (HTML) and print a summary."
