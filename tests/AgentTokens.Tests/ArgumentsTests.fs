/// The tool's command line, parsed as a pure function: typed commands, help, and usage errors that name the problem.
module AgentTokens.Tests.ArgumentsTests

open Expecto
open AgentTokens.Cli.Arguments

let private run (line: string) =
    match parse (line.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)) with
    | Run(shared, command) -> shared, command
    | other -> failtestf "expected a command for '%s', got %A" line other

let private usage (line: string) =
    match parse (line.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)) with
    | UsageError message -> message
    | other -> failtestf "expected a usage error for '%s', got %A" line other

let tests =
    testList "command line" [
        test "connection flags come before or after the command, short or long, with a space or =" {
            let shared, command = run "-o org list --deployment=dep --sandbox --sort name:asc --sort createdAt:desc -f csv --max-items 5"
            Expect.equal (shared.Organization, shared.Deployment, shared.Sandbox) (Some "org", Some "dep", true) "connection"
            match command with
            | List o ->
                Expect.equal o.Sorts [ "name:asc"; "createdAt:desc" ] "sorts in order"
                Expect.equal (o.Format, o.MaxItems, o.PageSize, o.Lenient) (Some Csv, Some 5, None, false) "options"
            | other -> failtestf "expected list, got %A" other
        }

        test "every command parses to its typed options" {
            Expect.equal (snd (run "get tok-1 --format json")) (Get { TokenId = "tok-1"; Format = Some Format.Json }) "get"
            Expect.equal (snd (run "delete tok-1 --dry-run")) (Delete { TokenId = "tok-1"; Yes = false; DryRun = true }) "delete"
            Expect.equal (snd (run "create --name n --expiry-days 30 --secret-file s"))
                (Create { Name = "n"; Description = None; ExpiryDays = Some 30; SecretFile = Some "s"; ShowSecret = false }) "create"
            Expect.equal (snd (run "report --out dir")) (Report(Some "dir")) "report"
            Expect.equal (snd (run "check --unused-for 30 -f text"))
                (Check { ExpiringWithin = None; UnusedFor = Some 30; MaxPerDeployment = None; Format = Some Text }) "check"
            Expect.equal (snd (run "snapshot save --out a.json")) (SnapshotSave "a.json") "snapshot save"
            Expect.equal (snd (run "snapshot diff a.json b.json")) (SnapshotDiff { Files = [ "a.json"; "b.json" ]; Format = None }) "snapshot diff"
            Expect.equal (snd (run "sandbox --port 6000")) (Serve { Port = 6000; Seed = 7; ApiToken = "sandbox-token" }) "sandbox"
        }

        test "help at any level is help, not an error" {
            for line in [ "--help"; "-h"; "list --help"; "snapshot --help"; "snapshot diff -h"; "list --bogus --help" ] do
                match parse (line.Split ' ') with
                | Help text -> Expect.stringContains text "USAGE: agent-tokens" line
                | other -> failtestf "expected help for '%s', got %A" line other
            match parse [| "list"; "--help" |] with
            | Help text -> Expect.stringContains text "--page-size N" "the command's own flags"
            | _ -> ()
        }

        test "usage errors name the problem" {
            for line, expected in
                [ "", "a command is needed"
                  "snapshot", "a command is needed"
                  "lists", "unknown command 'lists'"
                  "list --bogus", "unknown flag '--bogus'"
                  "list --page-size", "--page-size needs a value"
                  "list --page-size ten", "--page-size expects a whole number, not 'ten'"
                  "list -f yaml", "--format expects table, json, csv, not 'yaml'"
                  "list --max-items 1 --max-items 2", "--max-items is given more than once"
                  "list --lenient=yes", "--lenient takes no value"
                  "get", "needs TOKEN_ID"
                  "get a b", "unexpected argument 'b'"
                  "create", "needs --name"
                  "snapshot save", "needs --out"
                  "list extra", "unexpected argument 'extra'" ] do
                Expect.stringContains (usage line) expected line
        }

        test "server-controlled or odd text in an error is escaped" {
            Expect.isFalse ((usage "list --\u001b[2J").Contains "\u001b") "no raw escape"
        }
    ]
