/// The command line, declared with Argu.
module AgentTokens.Cli.Arguments

open Argu

/// Output formats of list and get.
type Format =
    | Table
    | Json
    | Csv

/// `agent-tokens list`.
type ListArgs =
    | [<AltCommandLine("-o")>] Organization of id: string
    | [<AltCommandLine("-d")>] Deployment of id: string
    | Base_Url of url: string
    | Api_Version of version: string
    | Sort of sort: string
    | Page_Size of size: int
    | Max_Items of count: int
    | [<AltCommandLine("-f")>] Format of Format
    | Lenient
    | Verify_Boundaries
    | Sandbox

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Organization _ -> "organization ID (default: ASTRO_ORGANIZATION_ID)."
            | Deployment _ -> "deployment ID (default: ASTRO_DEPLOYMENT_ID)."
            | Base_Url _ -> "API address (default: ASTRO_BASE_URL or https://api.astronomer.io); plain http only on loopback."
            | Api_Version _ -> "v1 (default), iam-v1beta1 or platform-v1beta1."
            | Sort _ -> "FIELD:asc|desc, e.g. createdAt:desc; repeat for several, in priority order."
            | Page_Size _ -> "tokens per request, 1 to 1000 (default 1000)."
            | Max_Items _ -> "stop after this many tokens."
            | Format _ -> "table (default on a terminal), json (default otherwise) or csv."
            | Lenient -> "finish a listing the pager cannot prove complete, with a warning, instead of failing (exit 4)."
            | Verify_Boundaries -> "check every page boundary (catches a delete and an insert between two pages; pages one at a time)."
            | Sandbox -> "run against an in-process sandbox instead of Astro."

/// `agent-tokens get TOKEN_ID`.
type GetArgs =
    | [<MainCommand; ExactlyOnce>] Token_Id of id: string
    | [<AltCommandLine("-o")>] Organization of id: string
    | [<AltCommandLine("-d")>] Deployment of id: string
    | Base_Url of url: string
    | Api_Version of version: string
    | [<AltCommandLine("-f")>] Format of Format
    | Sandbox

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Token_Id _ -> "the token's ID."
            | Organization _ -> "organization ID (default: ASTRO_ORGANIZATION_ID)."
            | Deployment _ -> "deployment ID (default: ASTRO_DEPLOYMENT_ID)."
            | Base_Url _ -> "API address (default: ASTRO_BASE_URL or https://api.astronomer.io)."
            | Api_Version _ -> "v1 (default), iam-v1beta1 or platform-v1beta1."
            | Format _ -> "table (default on a terminal), json or csv."
            | Sandbox -> "run against an in-process sandbox instead of Astro."

/// `agent-tokens create --name NAME`.
type CreateArgs =
    | [<Mandatory>] Name of name: string
    | Description of text: string
    | Expiry_Days of days: int
    | [<AltCommandLine("-o")>] Organization of id: string
    | [<AltCommandLine("-d")>] Deployment of id: string
    | Base_Url of url: string
    | Api_Version of version: string
    | Sandbox

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Name _ -> "the token's name."
            | Description _ -> "a description."
            | Expiry_Days _ -> "days until it expires, 1 to 3650 (default: never)."
            | Organization _ -> "organization ID (default: ASTRO_ORGANIZATION_ID)."
            | Deployment _ -> "deployment ID (default: ASTRO_DEPLOYMENT_ID)."
            | Base_Url _ -> "API address (default: ASTRO_BASE_URL or https://api.astronomer.io)."
            | Api_Version _ -> "v1 (default), iam-v1beta1 or platform-v1beta1."
            | Sandbox -> "run against an in-process sandbox instead of Astro."

/// `agent-tokens delete TOKEN_ID`.
type DeleteArgs =
    | [<MainCommand; ExactlyOnce>] Token_Id of id: string
    | [<AltCommandLine("-o")>] Organization of id: string
    | [<AltCommandLine("-d")>] Deployment of id: string
    | Base_Url of url: string
    | Api_Version of version: string
    | Sandbox

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Token_Id _ -> "the token's ID."
            | Organization _ -> "organization ID (default: ASTRO_ORGANIZATION_ID)."
            | Deployment _ -> "deployment ID (default: ASTRO_DEPLOYMENT_ID)."
            | Base_Url _ -> "API address (default: ASTRO_BASE_URL or https://api.astronomer.io)."
            | Api_Version _ -> "v1 (default), iam-v1beta1 or platform-v1beta1."
            | Sandbox -> "run against an in-process sandbox instead of Astro."

/// `agent-tokens report`.
type ReportArgs =
    | Out of dir: string
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

/// `agent-tokens sandbox`.
type SandboxArgs =
    | Port of port: int
    | Tokens of count: int
    | Seed of seed: int
    | Api_Token of token: string

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Port _ -> "port on 127.0.0.1 (default 5089)."
            | Tokens _ -> "tokens to seed (default 250)."
            | Seed _ -> "the seed (default 7)."
            | Api_Token _ -> "the bearer token it accepts (default sandbox-token)."

/// The commands.
[<RequireSubcommand>]
type Command =
    | [<CliPrefix(CliPrefix.None)>] List of ParseResults<ListArgs>
    | [<CliPrefix(CliPrefix.None)>] Get of ParseResults<GetArgs>
    | [<CliPrefix(CliPrefix.None)>] Create of ParseResults<CreateArgs>
    | [<CliPrefix(CliPrefix.None)>] Delete of ParseResults<DeleteArgs>
    | [<CliPrefix(CliPrefix.None)>] Report of ParseResults<ReportArgs>
    | [<CliPrefix(CliPrefix.None)>] Sandbox of ParseResults<SandboxArgs>

    interface IArgParserTemplate with
        member c.Usage =
            match c with
            | List _ -> "list a deployment's agent tokens."
            | Get _ -> "show one agent token."
            | Create _ -> "create an agent token; its secret value is printed once."
            | Delete _ -> "delete an agent token."
            | Report _ -> "write the token-health report (HTML) and print a summary."
            | Sandbox _ -> "run the local sandbox API in the foreground."

/// What every API command needs, whichever command it came from.
type ApiFlags =
    { Organization: string option
      Deployment: string option
      BaseUrl: string option
      ApiVersion: string option
      Sandbox: bool }
