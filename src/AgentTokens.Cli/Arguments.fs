/// The command line as typed values: a small declarative table of flags and a pure parser (no reflection, so the
/// tool starts quickly). The connection flags are declared once and accepted before or after any command.
module AgentTokens.Cli.Arguments

open System
open AgentTokens.Cli.CommandTable

/// Output formats of list and get.
type Format =
    | Table
    | Json
    | Csv

/// Output formats of check and snapshot diff.
type ReportFormat =
    | Text
    | Json

/// The connection flags every command takes; each overrides its ASTRO_* variable.
type Shared =
    { Organization: string option
      Deployment: string option
      BaseUrl: string option
      ApiVersion: string option
      Sandbox: bool }

/// `agent-tokens list`.
type ListOptions =
    { Sorts: string list
      PageSize: int option
      MaxItems: int option
      Format: Format option
      Lenient: bool
      VerifyBoundaries: bool }

/// `agent-tokens get TOKEN_ID`.
type GetOptions = { TokenId: string; Format: Format option }

/// `agent-tokens create --name NAME`.
type CreateOptions =
    { Name: string
      Description: string option
      ExpiryDays: int option
      SecretFile: string option
      ShowSecret: bool }

/// `agent-tokens delete TOKEN_ID`.
type DeleteOptions = { TokenId: string; Yes: bool; DryRun: bool }

/// `agent-tokens check`.
type CheckOptions =
    { ExpiringWithin: int option
      UnusedFor: int option
      MaxPerDeployment: int option
      Format: ReportFormat option }

/// `agent-tokens snapshot diff OLD [NEW]`.
type DiffOptions = { Files: string list; Format: ReportFormat option }

/// `agent-tokens sandbox`.
type ServeOptions = { Port: int; Seed: int; ApiToken: string }

/// A command with its options.
type Command =
    | List of ListOptions
    | Get of GetOptions
    | Create of CreateOptions
    | Delete of DeleteOptions
    /// The folder to write the report to.
    | Report of folder: string option
    | Check of CheckOptions
    /// The file to write the snapshot to.
    | SnapshotSave of file: string
    | SnapshotDiff of DiffOptions
    | Serve of ServeOptions

/// What the command line asks for: a command to run, a help text to print (exit 0), or a usage error (exit 2).
type Parsed =
    | Run of Shared * Command
    | Help of text: string
    | UsageError of message: string

/// What the parser gathered: the command's words, each flag's values by long name, and the positionals.
type private Gathered = { Words: string list; Values: Map<string, string list>; Positionals: string list; Help: bool }

/// Walks the arguments: command words first (flags may come anywhere), then flags and positionals.
let rec private gather (state: Gathered) (args: string list) : Result<Gathered, string> =
    let spec = specs |> List.tryFind (fun s -> s.Words = state.Words)
    let isGroup = specs |> List.exists (fun s -> s.Words.Length > state.Words.Length && List.truncate state.Words.Length s.Words = state.Words)
    let where = if state.Words.IsEmpty then "agent-tokens" else "agent-tokens " + String.concat " " state.Words
    match args with
    | [] -> Ok state
    | ("--help" | "-h") :: rest -> gather { state with Help = true } rest
    | "--" :: rest -> gather { state with Positionals = state.Positionals @ rest } []
    | arg :: rest when arg.StartsWith "-" && arg.Length > 1 ->
        let name, given = match arg.IndexOf '=' with -1 -> arg, None | i -> arg.Substring(0, i), Some(arg.Substring(i + 1))
        let flags = connectionFlags @ (spec |> Option.map (fun s -> s.Flags) |> Option.defaultValue [])
        let found = flags |> List.tryFind (fun f -> name = "--" + f.Long || Some name = (f.Short |> Option.map ((+) "-")))
        let add (f: Flag) value remaining =
            let earlier = state.Values |> Map.tryFind f.Long |> Option.defaultValue []
            if not f.Many && not earlier.IsEmpty then Error($"{where}: --{f.Long} is given more than once.")
            else gather { state with Values = state.Values.Add(f.Long, earlier @ [ value ]) } remaining
        match found, given, rest with
        | None, _, _ -> Error($"{where}: unknown flag '{AgentTokens.TerminalText.Escape name}'. See '{where} --help'.")
        | Some f, Some _, _ when f.Value.IsNone -> Error($"{where}: --{f.Long} takes no value.")
        | Some f, _, _ when f.Value.IsNone -> add f "" rest
        | Some f, Some value, _ -> add f value rest
        | Some f, None, value :: remaining -> add f value remaining
        | Some f, None, [] -> Error($"{where}: --{f.Long} needs a value ({Option.defaultValue String.Empty f.Value}).")
    | word :: rest when isGroup && (spec.IsNone || state.Positionals.IsEmpty) && specs |> List.exists (fun s -> List.truncate (state.Words.Length + 1) s.Words = state.Words @ [ word ]) ->
        gather { state with Words = state.Words @ [ word ] } rest
    | word :: _ when spec.IsNone -> Error($"{where}: unknown command '{AgentTokens.TerminalText.Escape word}'.")
    | word :: rest -> gather { state with Positionals = state.Positionals @ [ word ] } rest

/// Typed reads of the gathered values.
type private Read(g: Gathered) =
    let where = "agent-tokens " + String.concat " " g.Words
    member _.Text(name: string) = g.Values |> Map.tryFind name |> Option.bind List.tryHead
    member _.Texts(name: string) = g.Values |> Map.tryFind name |> Option.defaultValue []
    member _.Has(name: string) = g.Values.ContainsKey name
    member r.Required(name: string) =
        match r.Text name with
        | Some v -> v
        | None -> raise (FormatException($"{where} needs --{name}."))
    member r.Number(name: string) =
        r.Text name |> Option.map (fun v ->
            match Int32.TryParse(v, Globalization.NumberStyles.AllowLeadingSign, Globalization.CultureInfo.InvariantCulture) with
            | true, n -> n
            | _ -> raise (FormatException($"{where}: --{name} expects a whole number, not '{AgentTokens.TerminalText.Escape v}'.")))
    member r.Choice(name: string, choices: (string * 'T) list) =
        r.Text name |> Option.map (fun v ->
            match choices |> List.tryFind (fun (text, _) -> String.Equals(text, v, StringComparison.OrdinalIgnoreCase)) with
            | Some(_, choice) -> choice
            | None ->
                let expected = choices |> List.map fst |> String.concat ", "
                raise (FormatException($"{where}: --{name} expects {expected}, not '{AgentTokens.TerminalText.Escape v}'.")))

let private formats = [ "table", Table; "json", Format.Json; "csv", Csv ]
let private reportFormats = [ "text", Text; "json", ReportFormat.Json ]

/// The typed command for what was gathered.
let private command (g: Gathered) (r: Read) =
    match g.Words with
    | [ "list" ] ->
        List { Sorts = r.Texts "sort"; PageSize = r.Number "page-size"; MaxItems = r.Number "max-items"; Format = r.Choice("format", formats)
               Lenient = r.Has "lenient"; VerifyBoundaries = r.Has "verify-boundaries" }
    | [ "get" ] -> Get { TokenId = g.Positionals.Head; Format = r.Choice("format", formats) }
    | [ "create" ] ->
        Create { Name = r.Required "name"; Description = r.Text "description"; ExpiryDays = r.Number "expiry-days"
                 SecretFile = r.Text "secret-file"; ShowSecret = r.Has "show-secret" }
    | [ "delete" ] -> Delete { TokenId = g.Positionals.Head; Yes = r.Has "yes"; DryRun = r.Has "dry-run" }
    | [ "report" ] -> Report(r.Text "out")
    | [ "check" ] ->
        Check { ExpiringWithin = r.Number "expiring-within"; UnusedFor = r.Number "unused-for"
                MaxPerDeployment = r.Number "max-per-deployment"; Format = r.Choice("format", reportFormats) }
    | [ "snapshot"; "save" ] -> SnapshotSave(r.Required "out")
    | [ "snapshot"; "diff" ] -> SnapshotDiff { Files = g.Positionals; Format = r.Choice("format", reportFormats) }
    | _ ->
        Serve { Port = r.Number "port" |> Option.defaultValue 5089; Seed = r.Number "seed" |> Option.defaultValue 7
                ApiToken = r.Text "api-token" |> Option.defaultValue "sandbox-token" }

/// Parses the command line: every problem is a usage error that names it, before anything runs.
let parse (argv: string array) : Parsed =
    let asksHelp = argv |> Array.exists (fun a -> a = "--help" || a = "-h")
    match gather { Words = []; Values = Map.empty; Positionals = []; Help = false } (List.ofArray argv) with
    | Error _ when asksHelp ->
        // Help wins over a mistake elsewhere on the line: the help of the command words it names.
        let extend (words: string list) (arg: string) =
            let longer = words @ [ arg ]
            if specs |> List.exists (fun s -> List.truncate longer.Length s.Words = longer) then longer else words
        Help(helpText (argv |> Array.filter (fun a -> not (a.StartsWith "-")) |> Array.fold extend []))
    | Error message -> UsageError message
    | Ok g when g.Help -> Help(helpText g.Words)
    | Ok g ->
        match specs |> List.tryFind (fun s -> s.Words = g.Words) with
        | None ->
            let what = if g.Words.IsEmpty then "agent-tokens" else "agent-tokens " + String.concat " " g.Words
            UsageError(what + ": a command is needed.\n\n" + helpText g.Words)
        | Some spec ->
            let least, most = spec.Positional |> Option.map (fun (_, _, l, m) -> l, m) |> Option.defaultValue (0, 0)
            let where = "agent-tokens " + String.concat " " g.Words
            if g.Positionals.Length < least then
                let needed = spec.Positional |> Option.map (fun (n, _, _, _) -> n) |> Option.defaultValue String.Empty
                UsageError($"{where} needs {needed}. See '{where} --help'.")
            elif g.Positionals.Length > most then
                UsageError($"{where}: unexpected argument '{AgentTokens.TerminalText.Escape g.Positionals.[most]}'. See '{where} --help'.")
            else
                let r = Read g
                try
                    let shared =
                        { Organization = r.Text "organization"; Deployment = r.Text "deployment"; BaseUrl = r.Text "base-url"
                          ApiVersion = r.Text "api-version"; Sandbox = r.Has "sandbox" }
                    Run(shared, command g r)
                with :? FormatException as e -> UsageError e.Message
