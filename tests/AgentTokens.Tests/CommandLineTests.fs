/// The tool's command line (System.CommandLine), parsed as a pure function: typed commands, help and completion run
/// by the parser, and usage errors that name the problem, for empty, huge, negative and odd values.
module AgentTokens.Tests.CommandLineTests

open System
open System.CommandLine
open Expecto
open AgentTokens.FSharp
open AgentTokens.Cli.CommandOptions
open AgentTokens.Cli.CommandLine

let private words (line: string) = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)

let private run (line: string) =
    match parse (words line) with
    | Run(shared, command) -> shared, command
    | other -> failtestf "expected a command for '%s', got %A" line other

let private usage (argv: string array) =
    match parse argv with
    | UsageError message -> message
    | other -> failtestf "expected a usage error for %A, got %A" argv other

let tests =
    testList "command line" [
        test "connection flags come before or after the command, short or long, with a space or =" {
            let shared, command = run "-o org list --deployment=dep --sandbox --sort name:asc --sort createdAt:desc -f csv --max-items 5"
            Expect.equal (shared.Organization, shared.Deployment, shared.Sandbox) (Some "org", Some "dep", true) "connection"
            Expect.equal shared.Timeout (Some defaultTimeout) "the default deadline"
            match command with
            | List o ->
                Expect.equal o.Sorts [ Asc Name; Desc CreatedAt ] "typed sorts, in order"
                Expect.equal (o.Format, o.MaxItems, o.PageSize, o.Lenient) (Some Csv, Some 5, None, false) "options"
            | other -> failtestf "expected list, got %A" other
            Expect.equal (fst (run "list --timeout 0")).Timeout None "--timeout 0: no deadline"
            Expect.equal (fst (run "--timeout 30 list")).Timeout (Some(TimeSpan.FromSeconds 30.0)) "--timeout before the command"
        }

        test "every command parses to its typed options" {
            Expect.equal (snd (run "get tok-1 --format json")) (Get { TokenId = "tok-1"; Format = Some Format.Json }) "get"
            Expect.equal (snd (run "delete tok-1 --dry-run")) (Delete { TokenId = "tok-1"; Confirmation = DryRun }) "delete --dry-run"
            Expect.equal (snd (run "delete tok-1 --yes")) (Delete { TokenId = "tok-1"; Confirmation = Confirmed }) "delete --yes"
            Expect.equal (snd (run "delete tok-1")) (Delete { TokenId = "tok-1"; Confirmation = Ask }) "delete"
            Expect.equal (snd (run "create --name n --expiry-days 30 --secret-file s"))
                (Create { Name = "n"; Description = None; ExpiryDays = Some 30; Secret = SecretFile "s" }) "create"
            Expect.equal (snd (run "create --name n --show-secret")) (Create { Name = "n"; Description = None; ExpiryDays = None; Secret = ShowSecret }) "--show-secret"
            Expect.equal (snd (run "report --out dir")) (Report(Some "dir")) "report"
            Expect.equal (snd (run "check --unused-for 30 -f text"))
                (Check { ExpiringWithin = None; UnusedFor = Some 30; MaxPerDeployment = None; Format = Some Text }) "check"
            Expect.equal (snd (run "snapshot save --out a.json")) (SnapshotSave { File = "a.json"; Replace = false }) "snapshot save"
            Expect.equal (snd (run "snapshot save --out a.json --force")) (SnapshotSave { File = "a.json"; Replace = true }) "snapshot save --force"
            Expect.equal (snd (run "snapshot diff a.json b.json")) (SnapshotDiff { Old = "a.json"; New = Some "b.json"; Format = None }) "snapshot diff"
            Expect.equal (snd (run "completion bash")) (Completion Bash) "completion"
        }

        test "help at any level, the sandbox server and completion requests are run by the parser itself" {
            for line in [ "--help"; "-h"; "list --help"; "snapshot --help"; "snapshot diff -h"; "sandbox --port 6000"; "[suggest:3] lis" ] do
                match parse (words line) with
                | Invoke _ -> ()
                | other -> failtestf "expected the parser's own action for '%s', got %A" line other
        }

        test "a response file holds arguments (@file)" {
            let file = IO.Path.GetTempFileName()
            IO.File.WriteAllLines(file, [| "list"; "--max-items"; "3" |])
            match parse [| "@" + file |] with
            | Run(_, List o) -> Expect.equal o.MaxItems (Some 3) "read from the file"
            | other -> failtestf "expected list, got %A" other
            IO.File.Delete file
        }

        test "usage errors name the problem: empty, huge, negative, unknown and conflicting values" {
            for line, expected in
                [ [||], "Required command was not provided"
                  [| "snapshot" |], "Required command was not provided"
                  [| "lists" |], "Unrecognized command or argument 'lists'"
                  [| "list"; "--bogus" |], "Unrecognized command or argument '--bogus'"
                  [| "list"; "--page-size" |], "--page-size"
                  [| "list"; "--page-size"; "ten" |], "--page-size expects a whole number between 1 and 1000, not 'ten'"
                  [| "list"; "--page-size"; "0" |], "--page-size must be between 1 and 1000, not 0"
                  [| "list"; "--page-size"; "99999999999999" |], "--page-size expects a whole number"
                  [| "list"; "--max-items"; "-1" |], "--max-items"
                  [| "list"; "-f"; "yaml" |], "--format expects table, json, csv, not 'yaml'"
                  [| "list"; "--sort"; "age:desc" |], "age:desc"
                  [| "list"; "--timeout"; "-5" |], "--timeout"
                  [| "list"; "--timeout"; "100000" |], "--timeout must be between 0 and 86400"
                  [| "list"; "--organization"; "" |], "--organization needs a value that is not blank"
                  [| "get" |], "Required argument 'TOKEN_ID' missing"
                  [| "get"; " " |], "TOKEN_ID must not be blank"
                  [| "get"; "a"; "b" |], "Unrecognized command or argument 'b'"
                  [| "create" |], "--name"
                  [| "create"; "--name"; "x"; "--secret-file"; "" |], "--secret-file needs a value that is not blank"
                  [| "create"; "--name"; "x"; "--secret-file"; "f"; "--show-secret" |], "not both"
                  [| "create"; "--name"; "x"; "--expiry-days"; "0" |], "--expiry-days must be between 1 and 3650"
                  [| "create"; "--name"; "x"; "--expiry-days"; "4000" |], "--expiry-days must be between 1 and 3650"
                  [| "delete"; "t"; "--yes"; "--dry-run" |], "not both"
                  [| "check"; "--expiring-within"; "20000000" |], "--expiring-within must be between 0 and 36500"
                  [| "check"; "--unused-for"; "-1" |], "--unused-for"
                  [| "report"; "--out"; "" |], "--out needs a value that is not blank"
                  [| "snapshot"; "save" |], "--out"
                  [| "snapshot"; "save"; "--out"; "" |], "--out needs a value that is not blank"
                  [| "snapshot"; "diff" |], "missing for command: 'diff'"
                  [| "snapshot"; "diff"; "a"; "b"; "c" |], "Unrecognized command or argument 'c'"
                  [| "completion"; "fish" |], "SHELL must be bash, zsh or pwsh"
                  [| "sandbox"; "--port"; "70000" |], "--port must be between 0 and 65535" ] do
                let message = usage line
                Expect.stringContains message expected (String.Join(" ", line))
                Expect.stringContains message "--help" "and says where help is"
        }

        test "text in an error is escaped: no terminal control reaches stderr raw" {
            let message = usage [| "list"; "--\u001b[2J\u202e" |]
            Expect.isFalse (message.Contains "\u001b") "no raw escape"
            Expect.isFalse (message.Contains "\u202e") "no raw bidirectional override"
        }

        test "completions come from the parser: commands, flags and values" {
            let complete (line: string) =
                [ for c in root.Parse(line).GetCompletions(Nullable line.Length) -> c.Label ]
            Expect.contains (complete "lis") "list" "a command"
            Expect.contains (complete "list --pa") "--page-size" "a flag"
            Expect.containsAll (complete "list --format ") [ "table"; "json"; "csv" ] "a flag's values"
            Expect.contains (complete "snapshot ") "diff" "a subcommand"
            Expect.contains (complete "list --sort ") "createdAt:desc" "sort values"
        }
    ]
