/// The command line, declared with Argu. The connection flags are declared once and inherited by every command.
module AgentTokens.Cli.Arguments

open Argu

/// Output formats of list and get.
type Format =
    | Table
    | Json
    | Csv

/// Output formats of check and snapshot diff.
type ReportFormat =
    | Text
    | Json

/// `agent-tokens list`.
type ListArgs =
    | Sort of sort: string
    | Page_Size of size: int
    | Max_Items of count: int
    | [<AltCommandLine("-f")>] Format of Format
    | Lenient
    | Verify_Boundaries

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Sort _ -> "FIELD:asc|desc, e.g. createdAt:desc; repeat for several, in priority order."
            | Page_Size _ -> "tokens per request, 1 to 1000 (default 1000)."
            | Max_Items _ -> "stop after this many tokens."
            | Format _ -> "table (default on a terminal), json (default otherwise) or csv."
            | Lenient -> "finish a listing the pager cannot prove complete, with a warning, instead of failing (exit 4)."
            | Verify_Boundaries -> "check every page boundary (catches a delete and an insert between two pages)."

/// `agent-tokens get TOKEN_ID`.
type GetArgs =
    | [<MainCommand; ExactlyOnce>] Token_Id of id: string
    | [<AltCommandLine("-f")>] Format of Format

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Token_Id _ -> "the token's ID."
            | Format _ -> "table (default on a terminal), json or csv."

/// `agent-tokens create --name NAME`.
type CreateArgs =
    | [<Mandatory>] Name of name: string
    | Description of text: string
    | Expiry_Days of days: int
    | Secret_File of path: string
    | Show_Secret

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Name _ -> "the token's name."
            | Description _ -> "a description."
            | Expiry_Days _ -> "days until it expires, 1 to 3650 (default: never)."
            | Secret_File _ -> "write the one-time secret to this new file, readable by its owner only (an existing file is refused)."
            | Show_Secret -> "print the secret even when standard output is not a terminal (a pipe, a file, a CI log)."

/// `agent-tokens delete TOKEN_ID`.
type DeleteArgs =
    | [<MainCommand; ExactlyOnce>] Token_Id of id: string
    | Yes
    | Dry_Run

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Token_Id _ -> "the token's ID."
            | Yes -> "delete without asking (needed when not on a terminal)."
            | Dry_Run -> "show what would be deleted, and delete nothing."

/// `agent-tokens report`.
type ReportArgs =
    | Out of dir: string

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Out _ -> "the folder to write token-health.html to (default artifacts/report)."

/// `agent-tokens check`.
type CheckArgs =
    | Expiring_Within of days: int
    | Unused_For of days: int
    | Max_Per_Deployment of count: int
    | [<AltCommandLine("-f")>] Format of ReportFormat

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Expiring_Within _ -> "a token expiring within this many days is a finding (default 14)."
            | Unused_For _ -> "a token unused (or, never used, created) longer ago than this many days is a finding (default 90)."
            | Max_Per_Deployment _ -> "a deployment holding more tokens than this is a finding (default 45)."
            | Format _ -> "text (default on a terminal) or json (default otherwise)."

/// `agent-tokens snapshot save`.
type SnapshotSaveArgs =
    | [<Mandatory>] Out of file: string

    interface IArgParserTemplate with
        member a.Usage = match a with Out _ -> "the file to write the snapshot to."

/// `agent-tokens snapshot diff OLD [NEW]`.
type SnapshotDiffArgs =
    | [<MainCommand>] Files of files: string list
    | [<AltCommandLine("-f")>] Format of ReportFormat

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Files _ -> "OLD [NEW]: two snapshots, or one and the live state."
            | Format _ -> "text (default on a terminal) or json (default otherwise)."

/// `agent-tokens snapshot`.
[<RequireSubcommand>]
type SnapshotArgs =
    | [<CliPrefix(CliPrefix.None)>] Save of ParseResults<SnapshotSaveArgs>
    | [<CliPrefix(CliPrefix.None)>] Diff of ParseResults<SnapshotDiffArgs>

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Save _ -> "write a snapshot of the tokens (no secret, ever)."
            | Diff _ -> "compare two snapshots, or a snapshot with the live state; exit 5 when they differ."

/// `agent-tokens sandbox`: the local API in the foreground.
type ServeArgs =
    | Port of port: int
    | Seed of seed: int
    | Api_Token of token: string

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Port _ -> "port on 127.0.0.1 (default 5089)."
            | Seed _ -> "the seed (default 7)."
            | Api_Token _ -> "the bearer token it accepts (default sandbox-token)."

/// The commands, and the connection flags every command takes.
[<RequireSubcommand>]
type Command =
    | [<Inherit; AltCommandLine("-o")>] Organization of id: string
    | [<Inherit; AltCommandLine("-d")>] Deployment of id: string
    | [<Inherit>] Base_Url of url: string
    | [<Inherit>] Api_Version of version: string
    | [<Inherit; CustomCommandLine("--sandbox")>] Use_Sandbox
    | [<CliPrefix(CliPrefix.None)>] List of ParseResults<ListArgs>
    | [<CliPrefix(CliPrefix.None)>] Get of ParseResults<GetArgs>
    | [<CliPrefix(CliPrefix.None)>] Create of ParseResults<CreateArgs>
    | [<CliPrefix(CliPrefix.None)>] Delete of ParseResults<DeleteArgs>
    | [<CliPrefix(CliPrefix.None)>] Report of ParseResults<ReportArgs>
    | [<CliPrefix(CliPrefix.None)>] Check of ParseResults<CheckArgs>
    | [<CliPrefix(CliPrefix.None)>] Snapshot of ParseResults<SnapshotArgs>
    | [<CustomCommandLine("sandbox")>] Serve of ParseResults<ServeArgs>

    interface IArgParserTemplate with
        member c.Usage =
            match c with
            | Organization _ -> "organization ID (default: ASTRO_ORGANIZATION_ID)."
            | Deployment _ -> "deployment ID (default: ASTRO_DEPLOYMENT_ID); report, check and snapshot cover the whole organization without one."
            | Base_Url _ -> "API address (default: ASTRO_BASE_URL or https://api.astronomer.io); plain http only on loopback."
            | Api_Version _ -> "v1 (default), iam-v1beta1 or platform-v1beta1 (default: ASTRO_API_VERSION)."
            | Use_Sandbox -> "run against the embedded sandbox (a seeded organization) instead of Astro."
            | List _ -> "list a deployment's agent tokens."
            | Get _ -> "show one agent token."
            | Create _ -> "create an agent token; its one-time secret goes to --secret-file, or to a terminal."
            | Delete _ -> "delete an agent token, after showing it and asking (or --yes)."
            | Report _ -> "write the token-health report (HTML) of a deployment or the whole organization, and print a summary."
            | Check _ -> "check the tokens against a policy (expired, expiring, unused, crowded); exit 5 on any finding."
            | Snapshot _ -> "save a snapshot of the tokens, or compare snapshots."
            | Serve _ -> "run the local sandbox API (the embedded organization) in the foreground."
