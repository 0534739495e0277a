/// The command line on System.CommandLine (the dotnet CLI's own parser): every option declared once as a typed
/// value and read through that same value, each command bound to its options right beside its declaration, help,
/// response files (@file) and completions ([suggest]) from the parser. Parsing is pure: it runs nothing.
module AgentTokens.Cli.CommandLine

open System
open System.CommandLine
open System.CommandLine.Help
open System.CommandLine.Invocation
open System.CommandLine.Parsing
open System.Globalization
open AgentTokens.FSharp
open AgentTokens.Cli.CommandOptions
open AgentTokens.Cli.OptionKinds

/// What a command line asks for.
type Parsed =
    /// A command of the tool, with its typed options.
    | Run of Shared * Command
    /// What the parser runs itself: help, --version, a completion request ([suggest:N]), and the sandbox server (whose
    /// command line is the sandbox's own, AgentTokens.Sandbox.SandboxCommandLine).
    | Invoke of ParseResult
    /// A usage error (exit 2), in one line that names the problem.
    | UsageError of message: string

// ---- The connection flags every command takes, accepted before or after the command (recursive).
let private organization = text "--organization" [ "-o" ] "ID" "organization ID (default: ASTRO_ORGANIZATION_ID)."
let private deployment = text "--deployment" [ "-d" ] "ID" "deployment ID (default: ASTRO_DEPLOYMENT_ID); report, check and snapshot cover the whole organization without one."
let private baseUrl = text "--base-url" [] "URL" "API address (default: ASTRO_BASE_URL or https://api.astronomer.io); plain http only on loopback."
let private apiVersion =
    let option = text "--api-version" [] "VERSION" "v1 (default), iam-v1beta1 or platform-v1beta1 (default: ASTRO_API_VERSION)."
    CompletionSourceExtensions.Add(option.CompletionSources, [| "v1"; "iam-v1beta1"; "platform-v1beta1" |])
    option
let private sandbox = switch "--sandbox" "run against the embedded sandbox (a seeded organization) instead of Astro."
let private timeout = number "--timeout" "SECONDS" "stop the whole run after this many seconds, exit 6 (default 600; 0 for none)." 0 86_400

/// The run's deadline when --timeout is not given: long enough for an organization of hundreds of deployments under
/// the API's 25 GET/s, short enough that a stuck CI job ends.
let defaultTimeout = TimeSpan.FromSeconds 600.0

let private shared (result: ParseResult) : Shared =
    { Organization = result.GetValue organization
      Deployment = result.GetValue deployment
      BaseUrl = result.GetValue baseUrl
      ApiVersion = result.GetValue apiVersion
      Sandbox = result.GetValue sandbox
      Timeout =
        match result.GetValue timeout with
        | Some 0 -> None
        | Some seconds -> Some(TimeSpan.FromSeconds(float seconds))
        | None -> Some defaultTimeout }

let private formats = [ "table", Table; "json", Format.Json; "csv", Csv ]
let private reportFormats = [ "text", Text; "json", ReportFormat.Json ]

/// A command of the tool and how its typed options are read: declared together, so that no command can be reached
/// without its own binding (a command without one, such as `snapshot` alone, is a usage error, never another command).
type private Bound = { Command: System.CommandLine.Command; Bind: ParseResult -> Result<Command, string> }

let private command (name: string) (summary: string) (symbols: Symbol list) (bind: ParseResult -> Result<Command, string>) =
    let c = System.CommandLine.Command(name, summary)
    for symbol in symbols do
        match symbol with
        | :? Option as o -> c.Options.Add o
        | :? Argument as a -> c.Arguments.Add a
        | _ -> ()
    { Command = c; Bind = bind }

let private list =
    // Repeated, each occurrence one value (--sort a --sort b), read whole so that the order is kept.
    let sorts = Option<Sort list option>("--sort")
    describe sorts "sort, e.g. createdAt:desc; repeat for several, in priority order." (Some "FIELD:asc|desc")
    sorts.Arity <- ArgumentArity.OneOrMore
    sorts.CustomParser <-
        Func<ArgumentResult, Sort list option>(fun result ->
            match Sort.parseAll [ for t in result.Tokens -> t.Value ] with
            | Ok parsed -> Some parsed
            | Error message ->
                result.AddError(escape message)
                None)
    CompletionSourceExtensions.Add(sorts.CompletionSources, [| for s in Sort.all -> Sort.toString s |])
    let pageSize = number "--page-size" "N" "tokens per request, 1 to 1000 (default 1000)." 1 1000
    let maxItems = number "--max-items" "N" "stop after this many tokens." 0 Int32.MaxValue
    let format = choice "--format" [ "-f" ] "table (default on a terminal), json (default otherwise) or csv." formats
    let lenient = switch "--lenient" "finish a listing the pager cannot prove complete, with a warning, instead of failing (exit 4)."
    let verify = switch "--verify-boundaries" "check every page boundary (catches a delete and an insert between two pages)."
    command "list" "list a deployment's agent tokens." [ sorts; pageSize; maxItems; format; lenient; verify ] (fun r ->
        Ok(List { Sorts = r.GetValue sorts |> Option.defaultValue []; PageSize = r.GetValue pageSize; MaxItems = r.GetValue maxItems
                  Format = r.GetValue format; Lenient = r.GetValue lenient; VerifyBoundaries = r.GetValue verify }))

let private get =
    let tokenId = positional "TOKEN_ID" "the token's ID."
    let format = choice "--format" [ "-f" ] "table (default on a terminal), json (default otherwise) or csv." formats
    command "get" "show one agent token." [ tokenId; format ] (fun r ->
        Ok(Get { TokenId = r.GetValue tokenId; Format = r.GetValue format }))

let private create =
    let name = required (text "--name" [] "NAME" "the token's name (required).")
    let description = text "--description" [] "TEXT" "a description."
    let expiry = number "--expiry-days" "DAYS" "days until it expires, 1 to 3650 (default: never)." 1 3650
    let secretFile = text "--secret-file" [] "PATH" "write the one-time secret to this new file, readable by its owner only (an existing file is refused)."
    let showSecret = switch "--show-secret" "print the secret even when standard output is not a terminal (a pipe, a file, a CI log)."
    command "create" "create an agent token; its one-time secret goes to --secret-file, or to a terminal." [ name; description; expiry; secretFile; showSecret ] (fun r ->
        let secret =
            match r.GetValue secretFile, r.GetValue showSecret with
            | Some _, true -> Error "give --secret-file or --show-secret, not both."
            | Some path, false -> Ok(SecretFile path)
            | None, true -> Ok ShowSecret
            | None, false -> Ok TerminalOnly
        secret |> Result.map (fun s ->
            Create { Name = (r.GetValue name).Value; Description = r.GetValue description; ExpiryDays = r.GetValue expiry; Secret = s }))

let private delete =
    let tokenId = positional "TOKEN_ID" "the token's ID."
    let yes = switch "--yes" "delete without asking (needed when not on a terminal)."
    let dryRun = switch "--dry-run" "show what would be deleted, and delete nothing."
    command "delete" "delete an agent token, after showing it and asking (or --yes)." [ tokenId; yes; dryRun ] (fun r ->
        match r.GetValue yes, r.GetValue dryRun with
        | true, true -> Error "give --yes or --dry-run, not both."
        | true, false -> Ok(Delete { TokenId = r.GetValue tokenId; Confirmation = Confirmed })
        | false, true -> Ok(Delete { TokenId = r.GetValue tokenId; Confirmation = DryRun })
        | false, false -> Ok(Delete { TokenId = r.GetValue tokenId; Confirmation = Ask }))

let private report =
    let out = text "--out" [] "DIR" "the folder to write token-health.html to (default artifacts/report)."
    command "report" "write the token-health report (HTML) of a deployment or the whole organization, and print a summary." [ out ] (fun r ->
        Ok(Report(r.GetValue out)))

let private check =
    let expiring = number "--expiring-within" "DAYS" $"a token expiring within this many days is a finding (default {Policy.DefaultExpiringWithinDays})." 0 36_500
    let unused = number "--unused-for" "DAYS" $"a token unused (or, never used, created) longer ago than this many days is a finding (default {Policy.DefaultUnusedForDays})." 0 36_500
    let crowded = number "--max-per-deployment" "N" $"a deployment holding more tokens than this is a finding (default {Policy.DefaultMaxPerDeployment})." 0 1_000_000
    let format = choice "--format" [ "-f" ] "text (default on a terminal) or json (default otherwise)." reportFormats
    command "check" "check the tokens against a policy (expired, expiring, unused, crowded); exit 5 on any finding." [ expiring; unused; crowded; format ] (fun r ->
        Ok(Check { ExpiringWithin = r.GetValue expiring; UnusedFor = r.GetValue unused; MaxPerDeployment = r.GetValue crowded; Format = r.GetValue format }))

let private save =
    let out = required (text "--out" [] "FILE" "the file to write the snapshot to (required; readable by its owner only).")
    let force = switch "--force" "replace the file if it exists (atomically: a failure leaves the old one)."
    command "save" "write a snapshot of the tokens (no secret, ever)." [ out; force ] (fun r ->
        Ok(SnapshotSave { File = (r.GetValue out).Value; Replace = r.GetValue force }))

let private diff =
    let snapshots = Argument<string[]>("OLD [NEW]", Description = "two snapshots, or one and the live state.", Arity = ArgumentArity(1, 2))
    let format = choice "--format" [ "-f" ] "text (default on a terminal) or json (default otherwise)." reportFormats
    command "diff" "compare two snapshots, or a snapshot with the live state; exit 5 when they differ." [ snapshots; format ] (fun r ->
        match List.ofArray (r.GetValue snapshots) with
        | [ old ] -> Ok(SnapshotDiff { Old = old; New = None; Format = r.GetValue format })
        | [ old; recent ] -> Ok(SnapshotDiff { Old = old; New = Some recent; Format = r.GetValue format })
        | _ -> Error "it takes OLD [NEW]: one snapshot (compared with the live state) or two.")

let private completion =
    let shells = [ "bash", Bash; "zsh", Zsh; "pwsh", PowerShell; "powershell", PowerShell ]
    let shell = Argument<Shell>("SHELL", Description = "bash, zsh or pwsh.")
    shell.CustomParser <-
        Func<ArgumentResult, Shell>(fun result ->
            let given = result.Tokens.[0].Value
            match shells |> List.tryFind (fun (word, _) -> String.Equals(word, given, StringComparison.OrdinalIgnoreCase)) with
            | Some(_, s) -> s
            | None ->
                result.AddError $"SHELL must be bash, zsh or pwsh, not '{escape given}'."
                Bash)
    CompletionSourceExtensions.Add(shell.CompletionSources, [| "bash"; "zsh"; "pwsh" |])
    command "completion" "print a script that completes agent-tokens' commands and flags in bash, zsh or PowerShell." [ shell ] (fun r ->
        Ok(Completion(r.GetValue shell)))

let private bound = [ list; get; create; delete; report; check; save; diff; completion ]

/// The tool's whole command line.
let root =
    let root = RootCommand("agent-tokens: list, inspect, create and delete Astro agent tokens, and audit them (report, check, snapshot).")
    for option in [ organization :> Option; deployment; baseUrl; apiVersion; sandbox; timeout ] do
        option.Recursive <- true
        root.Options.Add option
    for b in [ list; get; create; delete; report; check; completion ] do
        root.Subcommands.Add b.Command
    let snapshot = System.CommandLine.Command("snapshot", "save a snapshot of the tokens, or compare two.")
    snapshot.Subcommands.Add save.Command
    snapshot.Subcommands.Add diff.Command
    root.Subcommands.Add snapshot
    root.Subcommands.Add(AgentTokens.Sandbox.SandboxCommandLine.ForTool "sandbox")
    root

/// "agent-tokens snapshot save": the words of the command a parse reached.
let private commandPath (result: ParseResult) =
    let rec up (symbol: SymbolResult) =
        match symbol with
        | :? CommandResult as c when not (isNull c.Parent) -> up c.Parent @ [ c.Command.Name ]
        | :? CommandResult -> [ "agent-tokens" ]
        | null -> []
        | other -> up other.Parent
    up result.CommandResult |> String.concat " "

/// Parses a command line: a command with typed options, what the parser runs itself, or a usage error that names the
/// problem. Runs nothing.
let parse (argv: string array) : Parsed =
    let result = root.Parse argv
    let where = commandPath result
    match result.Action with
    | :? HelpAction -> Invoke result
    | :? ParseErrorAction | _ when result.Errors.Count > 0 ->
        // An unknown word says more than the "required command" it leads to.
        let errors = [ for e in result.Errors -> e.Message.Split('\n').[0].Trim() ]
        let first = errors |> List.tryFind (fun m -> m.StartsWith "Unrecognized") |> Option.defaultValue errors.Head
        UsageError $"{where}: {escape first} See '{where} --help'."
    | null ->
        match bound |> List.tryFind (fun b -> Object.ReferenceEquals(b.Command, result.CommandResult.Command)) with
        | Some b ->
            match b.Bind result with
            | Ok command -> Run(shared result, command)
            | Error message -> UsageError $"{where}: {message} See '{where} --help'."
        | None -> UsageError $"{where}: a command is needed. See '{where} --help'."
    | _ -> Invoke result
