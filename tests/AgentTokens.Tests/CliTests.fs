/// The agent-tokens tool end to end, as a process, against a sandbox over loopback.
module AgentTokens.Tests.CliTests

open System
open System.IO
open System.Text.Json
open Expecto
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture
open AgentTokens.Tests.CliProcess

/// What bash completes for a command line typed so far, with the script `agent-tokens completion bash` prints
/// sourced into a real bash, and the tool on PATH.
let private bashCompletes (line: string) =
    let bin = Directory.CreateTempSubdirectory("agent-tokens-path-").FullName
    let launcher = Path.Combine(bin, "agent-tokens")
    File.WriteAllText(launcher, $"#!/bin/sh\nexec dotnet '{toolDll}' \"$@\"\n")
    File.SetUnixFileMode(launcher, UnixFileMode.UserRead ||| UnixFileMode.UserWrite ||| UnixFileMode.UserExecute)
    let script =
        String.concat "\n" [
            "set -e"
            "eval \"$(agent-tokens completion bash)\""
            $"COMP_LINE='{line}'"
            "COMP_POINT=${#COMP_LINE}"
            "read -r -a COMP_WORDS <<< \"$COMP_LINE\""
            "if [[ \"$COMP_LINE\" == *' ' ]]; then COMP_WORDS+=(''); fi"
            "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))"
            "_agent_tokens_complete"
            "printf '%s\\n' \"${COMPREPLY[@]}\"" ]
    let path = Environment.GetEnvironmentVariable "PATH"
    let outcome = Processes.run "bash" [ "-c"; script ] ReadmeTests.repoRoot [ "PATH", bin + ":" + path ] (TimeSpan.FromMinutes 1.0)
    Directory.Delete(bin, true)
    Expect.equal outcome.ExitCode 0 (sprintf "bash ran the completion\n%s" outcome.Stderr)
    outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries) |> List.ofArray

let tests =
    testSequenced <| testList "agent-tokens CLI" [
        test "agent-tokens completion bash completes commands, flags and values in a real bash" {
            Expect.contains (bashCompletes "agent-tokens li") "list" "a command"
            Expect.contains (bashCompletes "agent-tokens list --page") "--page-size" "a flag"
            Expect.containsAll (bashCompletes "agent-tokens list --format ") [ "table"; "json"; "csv" ] "a flag's values"
            Expect.contains (bashCompletes "agent-tokens snapshot ") "save" "a subcommand"
            let zsh = Processes.run "dotnet" [ toolDll; "completion"; "zsh" ] ReadmeTests.repoRoot [] (TimeSpan.FromMinutes 1.0)
            Expect.stringContains zsh.Stdout "compdef _agent_tokens_complete agent-tokens" "zsh"
            let pwsh = Processes.run "dotnet" [ toolDll; "completion"; "pwsh" ] ReadmeTests.repoRoot [] (TimeSpan.FromMinutes 1.0)
            Expect.stringContains pwsh.Stdout "Register-ArgumentCompleter -Native -CommandName agent-tokens" "PowerShell"
        }

        testCaseTask "list: json has the API's field names and no secret; csv a row per token; table aligned with relative times" <| fun () ->
            withSandbox (sandboxOptions 40) (fun sandbox -> task {
                let json = at sandbox [ "list"; "--format"; "json" ]
                expectExit 0 json
                let array = JsonDocument.Parse(json.Stdout).RootElement
                Expect.equal (array.GetArrayLength()) 40 "every token"
                let first = array.[0]
                for field in [ "id"; "name"; "kind"; "scope"; "shortToken"; "createdAt"; "roles" ] do
                    Expect.isTrue (fst (first.TryGetProperty field)) field
                Expect.isFalse (json.Stdout.Contains "\"token\"") "no secret field"
                let csv = at sandbox [ "list"; "--format"; "csv" ]
                expectExit 0 csv
                let lines = csv.Stdout.Trim().Split('\n')
                Expect.equal lines.Length 41 "a header and 40 rows"
                Expect.stringStarts lines.[0] "id,name,description,kind,scope" "header"
                let table = at sandbox [ "list"; "--format"; "table" ]
                expectExit 0 table
                let rows = table.Stdout.Trim().Split('\n')
                Expect.equal rows.Length 41 "a header and 40 rows"
                Expect.isTrue (rows |> Array.skip 1 |> Array.exists (fun r -> r.Contains " ago")) "relative times"
                let column = rows.[0].IndexOf "KIND"
                Expect.all (rows |> Array.skip 1) (fun r -> r.[column - 2] = ' ' && r.[column - 1] = ' ') "aligned columns"
            })

        testCaseTask "list --sort applies the sorts in order, and --max-items stops" <| fun () ->
            withSandbox (sandboxOptions 60) (fun sandbox -> task {
                let outcome = at sandbox [ "list"; "--format"; "json"; "--sort"; "createdById:asc"; "--sort"; "createdAt:desc"; "--max-items"; "25"; "--page-size"; "10" ]
                expectExit 0 outcome
                let ids = [ for t in JsonDocument.Parse(outcome.Stdout).RootElement.EnumerateArray() -> t.GetProperty("id").GetString() ]
                let expected = sandbox.Store.Sorted([| "createdById:asc"; "createdAt:desc" |]) |> Seq.take 25 |> Seq.map (fun t -> t.Id) |> List.ofSeq
                Expect.equal ids expected "sorted, 25"
                Expect.equal sandbox.Requests.Count 3 "three pages of 10, 10 and 5"
            })

        testCaseTask "create --show-secret prints the secret once; get, list and delete never; then get fails with exit 1" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                let created = at sandbox [ "create"; "--name"; "cli-pool"; "--description"; "from the CLI"; "--expiry-days"; "30"; "--show-secret" ]
                expectExit 0 created
                let secretLine = created.Stdout.Split('\n') |> Array.find (fun l -> l.StartsWith "token: ")
                let secret = secretLine.Substring("token: ".Length).Trim()
                Expect.isTrue (secret.Length > 20) "a secret"
                Expect.stringContains created.Stderr "only time" "a warning"
                let occurrences (text: string) = (text.Length - text.Replace(secret, "").Length) / secret.Length
                Expect.equal (occurrences (created.Stdout + created.Stderr)) 1 "exactly once"
                let id = sandbox.Store.Tokens |> Seq.find (fun t -> t.Name = "cli-pool") |> fun t -> t.Id
                let got = at sandbox [ "get"; id; "--format"; "json" ]
                expectExit 0 got
                Expect.stringContains got.Stdout "cli-pool" "got it"
                let listed = at sandbox [ "list"; "--format"; "csv" ]
                let deleted = at sandbox [ "delete"; id; "--yes" ]
                expectExit 0 deleted
                for other in [ got; listed; deleted ] do
                    Expect.equal (occurrences (other.Stdout + other.Stderr)) 0 "the secret is shown by create only"
                let gone = at sandbox [ "get"; id ]
                expectExit 1 gone
                expectOneLineError gone
                Expect.stringContains gone.Stderr "404" "the status"
                Expect.stringContains gone.Stderr "requestId sbx-" "the requestId"
            })

        testCaseTask "exit 1: a 401 after retries, with status and requestId in one line" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                let outcome = cli "wrong-token" [ "list"; "--base-url"; string sandbox.BaseAddress; "-o"; sandbox.OrganizationId; "-d"; sandbox.DeploymentId ]
                expectExit 1 outcome
                expectOneLineError outcome
                Expect.stringContains outcome.Stderr "401" "status"
                Expect.stringContains outcome.Stderr "requestId" "requestId"
                Expect.isFalse (outcome.Stderr.Contains "wrong-token") "the bearer token is never printed"
            })

        test "exit 2: an unknown flag, a bad sort, a page size out of range, missing settings, a remote plain-HTTP URL" {
            let cases =
                [ [ "list"; "--frobnicate" ]
                  [ "list"; "--sandbox"; "--sort"; "created:desc" ]
                  [ "list"; "--sandbox"; "--page-size"; "5000" ]
                  [ "list"; "-o"; "o"; "-d"; "d"; "--base-url"; "http://api.example.com" ] ]
            for args in cases do
                let outcome = cli "t" args
                expectExit 2 outcome
                Expect.isFalse (outcome.Stderr.Contains "   at ") "no stack trace"
            let missing = Processes.run "dotnet" [ toolDll; "list" ] ReadmeTests.repoRoot [] (TimeSpan.FromMinutes 1.0)
            expectExit 2 missing
            Expect.stringContains missing.Stderr "--sandbox" "says how to try without Astro"
        }

        test "exit 3: an unreachable host" {
            let listener = new Net.Sockets.TcpListener(Net.IPAddress.Loopback, 0)
            listener.Start()
            let port = (listener.LocalEndpoint :?> Net.IPEndPoint).Port
            listener.Stop()
            let outcome = cli "t" [ "list"; "-o"; "o"; "-d"; "d"; "--base-url"; sprintf "http://127.0.0.1:%d" port ]
            expectExit 3 outcome
            expectOneLineError outcome
        }

        testCaseTask "exit 4: a listing the pager cannot prove complete; --lenient finishes with a warning" <| fun () ->
            withSandbox (sandboxOptions 60) (fun sandbox -> task {
                sandbox.Faults.Add(FaultRule(Fault.InsertTokens(1, 0), FaultTrigger.EveryNth 1)) |> ignore
                let strict = at sandbox [ "list"; "--page-size"; "20"; "--format"; "json" ]
                expectExit 4 strict
                expectOneLineError strict
                let lenient = at sandbox [ "list"; "--page-size"; "20"; "--format"; "json"; "--lenient" ]
                expectExit 0 lenient
                Expect.stringContains lenient.Stderr "may be incomplete" "warned"
            })

        testCaseTask "--verify-boundaries lists every token through a delete and an insert between two pages" <| fun () ->
            withSandbox (sandboxOptions 300) (fun sandbox -> task {
                let original = sandbox.Store.Tokens |> Seq.map (fun t -> t.Id) |> Set.ofSeq
                sandbox.Faults.Add(FaultRule(Fault.DeleteTokens(1, 0), FaultTrigger.At 2)).Add(FaultRule(Fault.InsertTokens(1, 1000), FaultTrigger.At 2)) |> ignore
                let outcome = at sandbox [ "list"; "--page-size"; "100"; "--format"; "json"; "--verify-boundaries" ]
                expectExit 0 outcome
                let ids = [ for t in JsonDocument.Parse(outcome.Stdout).RootElement.EnumerateArray() -> t.GetProperty("id").GetString() ] |> Set.ofList
                let survivors = sandbox.Store.Tokens |> Seq.map (fun t -> t.Id) |> Set.ofSeq |> Set.intersect original
                Expect.isTrue (Set.isSubset survivors ids) "every token that existed throughout"
            })

        test "--sandbox needs no settings, and report writes the page" {
            let listed = Processes.run "dotnet" [ toolDll; "list"; "--sandbox"; "--max-items"; "3"; "--format"; "json" ] ReadmeTests.repoRoot [] (TimeSpan.FromMinutes 1.0)
            expectExit 0 listed
            Expect.equal (JsonDocument.Parse(listed.Stdout).RootElement.GetArrayLength()) 3 "three"
            let out = Path.Combine(ReadmeTests.repoRoot, "artifacts", "cli-report")
            let report = Processes.run "dotnet" [ toolDll; "report"; "--out"; out ] ReadmeTests.repoRoot [] (TimeSpan.FromMinutes 1.0)
            expectExit 0 report
            Expect.stringContains report.Stdout "Never used:" "summary"
            Expect.isTrue (File.Exists(Path.Combine(out, "token-health.html"))) "the page"
            Expect.isFalse (listed.Stdout.Contains "sandbox-token" || report.Stdout.Contains "sandbox-token") "the bearer token is never printed"
        }
    ]
