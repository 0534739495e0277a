/// The tool's commands and flags as a declarative table, and the help written from it.
module internal AgentTokens.Cli.CommandTable

open System

/// A flag: its long name (without the dashes), an optional short name, the name of its value (None for a switch),
/// whether it may be repeated, and its help line.
type Flag = { Long: string; Short: string option; Value: string option; Many: bool; Help: string }

let flag long value help = { Long = long; Short = None; Value = Some value; Many = false; Help = help }
let switch long help = { Long = long; Short = None; Value = None; Many = false; Help = help }

let connectionFlags =
    [ { flag "organization" "ID" "organization ID (default: ASTRO_ORGANIZATION_ID)." with Short = Some "o" }
      { flag "deployment" "ID" "deployment ID (default: ASTRO_DEPLOYMENT_ID); report, check and snapshot cover the whole organization without one." with Short = Some "d" }
      flag "base-url" "URL" "API address (default: ASTRO_BASE_URL or https://api.astronomer.io); plain http only on loopback."
      flag "api-version" "VERSION" "v1 (default), iam-v1beta1 or platform-v1beta1 (default: ASTRO_API_VERSION)."
      switch "sandbox" "run against the embedded sandbox (a seeded organization) instead of Astro." ]

let formatFlag formats = { flag "format" "FORMAT" formats with Short = Some "f" }

/// A command: its words, its summary, its flags, and its positional arguments (name, help, least, most).
type Spec = { Words: string list; Summary: string; Flags: Flag list; Positional: (string * string * int * int) option }

let specs =
    [ { Words = [ "list" ]; Summary = "list a deployment's agent tokens."; Positional = None
        Flags =
          [ { flag "sort" "FIELD:asc|desc" "sort, e.g. createdAt:desc; repeat for several, in priority order." with Many = true }
            flag "page-size" "N" "tokens per request, 1 to 1000 (default 1000)."
            flag "max-items" "N" "stop after this many tokens."
            formatFlag "table (default on a terminal), json (default otherwise) or csv."
            switch "lenient" "finish a listing the pager cannot prove complete, with a warning, instead of failing (exit 4)."
            switch "verify-boundaries" "check every page boundary (catches a delete and an insert between two pages)." ] }
      { Words = [ "get" ]; Summary = "show one agent token."; Positional = Some("TOKEN_ID", "the token's ID.", 1, 1)
        Flags = [ formatFlag "table (default on a terminal), json (default otherwise) or csv." ] }
      { Words = [ "create" ]; Summary = "create an agent token; its one-time secret goes to --secret-file, or to a terminal."; Positional = None
        Flags =
          [ flag "name" "NAME" "the token's name (required)."
            flag "description" "TEXT" "a description."
            flag "expiry-days" "DAYS" "days until it expires, 1 to 3650 (default: never)."
            flag "secret-file" "PATH" "write the one-time secret to this new file, readable by its owner only (an existing file is refused)."
            switch "show-secret" "print the secret even when standard output is not a terminal (a pipe, a file, a CI log)." ] }
      { Words = [ "delete" ]; Summary = "delete an agent token, after showing it and asking (or --yes)."; Positional = Some("TOKEN_ID", "the token's ID.", 1, 1)
        Flags = [ switch "yes" "delete without asking (needed when not on a terminal)."; switch "dry-run" "show what would be deleted, and delete nothing." ] }
      { Words = [ "report" ]; Summary = "write the token-health report (HTML) of a deployment or the whole organization, and print a summary."; Positional = None
        Flags = [ flag "out" "DIR" "the folder to write token-health.html to (default artifacts/report)." ] }
      { Words = [ "check" ]; Summary = "check the tokens against a policy (expired, expiring, unused, crowded); exit 5 on any finding."; Positional = None
        Flags =
          [ flag "expiring-within" "DAYS" "a token expiring within this many days is a finding (default 14)."
            flag "unused-for" "DAYS" "a token unused (or, never used, created) longer ago than this many days is a finding (default 90)."
            flag "max-per-deployment" "N" "a deployment holding more tokens than this is a finding (default 45)."
            formatFlag "text (default on a terminal) or json (default otherwise)." ] }
      { Words = [ "snapshot"; "save" ]; Summary = "write a snapshot of the tokens (no secret, ever)."; Positional = None
        Flags = [ flag "out" "FILE" "the file to write the snapshot to (required)." ] }
      { Words = [ "snapshot"; "diff" ]; Summary = "compare two snapshots, or a snapshot with the live state; exit 5 when they differ."
        Positional = Some("OLD [NEW]", "two snapshots, or one and the live state.", 1, 2)
        Flags = [ formatFlag "text (default on a terminal) or json (default otherwise)." ] }
      { Words = [ "sandbox" ]; Summary = "run the local sandbox API (the embedded organization) in the foreground."; Positional = None
        Flags =
          [ flag "port" "PORT" "port on 127.0.0.1 (default 5089)."
            flag "seed" "SEED" "the seed (default 7)."
            flag "api-token" "TOKEN" "the bearer token it accepts (default sandbox-token)." ] } ]

let private flagLines (flags: Flag list) =
    let name (f: Flag) =
        "--" + f.Long + (f.Short |> Option.map ((+) ", -") |> Option.defaultValue "") + (f.Value |> Option.map ((+) " ") |> Option.defaultValue "")
    let width = flags |> List.map (name >> String.length) |> List.max
    [ for f in flags -> $"    {(name f).PadRight width}  {f.Help}" ]

/// The help of the whole tool (no words) or of one command or group.
let helpText (words: string list) =
    let commands = specs |> List.filter (fun s -> List.truncate words.Length s.Words = words)
    let common = "" :: "CONNECTION (every command):" :: flagLines (connectionFlags @ [ { switch "help" "show this help." with Short = Some "h" } ])
    match commands with
    | [ spec ] when spec.Words = words ->
        let positional = spec.Positional |> Option.map (fun (n, _, _, _) -> " " + n) |> Option.defaultValue ""
        [ yield "USAGE: agent-tokens " + String.concat " " words + " [OPTIONS]" + positional
          yield ""
          yield spec.Summary
          match spec.Positional with
          | Some(name, help, _, _) -> yield! [ ""; $"    {name}  {help}" ]
          | None -> ()
          if not spec.Flags.IsEmpty then yield! "" :: "OPTIONS:" :: flagLines spec.Flags
          yield! common ]
        |> String.concat "\n"
    | _ ->
        let width = commands |> List.map (fun s -> (String.concat " " s.Words).Length) |> List.max
        let prefix = words |> List.map (fun w -> w + " ") |> String.concat ""
        [ yield "USAGE: agent-tokens " + prefix + "<COMMAND> [OPTIONS]"
          yield ""
          yield "COMMANDS:"
          for s in commands -> "    " + (String.concat " " s.Words).PadRight width + "  " + s.Summary
          yield ""
          yield "Each command has its own help: agent-tokens " + prefix + "<COMMAND> --help."
          yield! common ]
        |> String.concat "\n"
