/// The tool at its edges, as a process: a user's mistakes, the user's environment (proxies) and the one-time secret.
/// Each case first reproduced what went wrong (a crash, a proxy in the way, a lost or raw secret, a destroyed file).
module AgentTokens.Tests.EdgeTests

open System
open System.Diagnostics
open System.IO
open System.Net
open System.Net.Sockets
open System.Text
open System.Threading.Tasks
open Expecto
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture
open AgentTokens.Tests.CliProcess

/// The exit codes the README documents; anything else (134 from an abort, 139...) is a crash.
let private documented = set [ 0; 1; 2; 3; 4; 5; 6; 7 ]

/// One line on stderr, a documented exit code, no stack trace, no abort.
let private noCrash (what: string) (outcome: Processes.Outcome) =
    Expect.isTrue (documented.Contains outcome.ExitCode) (sprintf "%s: a documented exit code, not %d\n%s" what outcome.ExitCode outcome.Stderr)
    Expect.isFalse (outcome.Stderr.Contains "Unhandled exception") (sprintf "%s: no unhandled exception" what)
    Expect.isFalse (outcome.Stderr.Contains "   at ") (sprintf "%s: no stack trace" what)

/// A temporary folder, and a file in it (a path under a file cannot be written, even by root).
let private scratch () =
    let folder = Directory.CreateTempSubdirectory("agent-tokens-edge-").FullName
    let file = Path.Combine(folder, "a-file")
    File.WriteAllText(file, "not a folder")
    folder, file

/// A TCP listener standing in for a proxy: the first line of each connection it receives, answered 502.
let private fakeProxy () =
    let listener = new TcpListener(IPAddress.Loopback, 0)
    listener.Start()
    let lines = Collections.Concurrent.ConcurrentQueue<string>()
    let serve =
        task {
            try
                while true do
                    use! client = listener.AcceptTcpClientAsync()
                    use stream = client.GetStream()
                    use reader = new StreamReader(stream, Encoding.ASCII, false, 1024, true)
                    let! line = reader.ReadLineAsync()
                    lines.Enqueue line
                    let answer = Encoding.ASCII.GetBytes "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    do! stream.WriteAsync(answer, 0, answer.Length)
            with _ -> ()
        }
    listener, lines, serve

let private proxyEnvironment (port: int) =
    let proxy = $"http://127.0.0.1:{port}"
    [ "HTTP_PROXY", proxy; "HTTPS_PROXY", proxy; "ALL_PROXY", proxy; "http_proxy", proxy; "https_proxy", proxy; "all_proxy", proxy ]

let tests =
    testSequenced <| testList "edges" [
        testCaseTask "no command line crashes: empty, huge, negative and unwritable values end in one line and a documented exit code" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                let folder, file = scratch ()
                let existing = Path.Combine(folder, "existing.json")
                File.WriteAllText(existing, "{}")
                for args, code in
                    [ [ "create"; "--name"; "x"; "--secret-file"; "" ], 2
                      [ "create"; "--name"; "" ], 2
                      [ "create"; "--name"; "x"; "--expiry-days"; "-1" ], 2
                      [ "create"; "--name"; "x"; "--secret-file"; Path.Combine(file, "secret") ], 7
                      [ "create"; "--name"; "x"; "--secret-file"; existing ], 2
                      [ "check"; "--expiring-within"; "20000000" ], 2
                      [ "check"; "--unused-for"; "-3" ], 2
                      [ "check"; "--max-per-deployment"; "99999999999" ], 2
                      [ "report"; "--out"; Path.Combine(file, "report") ], 7
                      [ "report"; "--out"; "" ], 2
                      [ "snapshot"; "save"; "--out"; "" ], 2
                      [ "snapshot"; "save"; "--out"; Path.Combine(file, "snap.json") ], 7
                      [ "snapshot"; "save"; "--out"; folder ], 7
                      [ "snapshot"; "save"; "--out"; existing ], 2
                      [ "snapshot"; "diff"; Path.Combine(folder, "absent.json") ], 2
                      [ "snapshot"; "diff"; existing; existing ], 2
                      [ "list"; "--page-size"; "-1" ], 2
                      [ "list"; "--max-items"; "99999999999999999999" ], 2
                      [ "list"; "--timeout"; "-1" ], 2
                      [ "list"; "--sort"; "" ], 2
                      [ "get"; "" ], 2
                      [ "get"; ".." ], 2
                      [ "delete"; ""; "--yes" ], 2
                      [ "sandbox"; "--port"; "-1" ], 2
                      [ "completion"; "" ], 2 ] do
                    let outcome = at sandbox args
                    let what = String.Join(" ", args)
                    noCrash what outcome
                    Expect.equal outcome.ExitCode code (sprintf "%s: exit %d\n%s" what code outcome.Stderr)
                    expectOneLineError outcome
                for args in
                    [ [ "list"; "--base-url"; "not a url"; "--organization"; "o"; "--deployment"; "d" ]
                      [ "list"; "--base-url"; "http://example.com/"; "--organization"; "o"; "--deployment"; "d" ]
                      [ "list"; "--base-url"; "http://[::127.0.0.1]:8080/"; "--organization"; "o"; "--deployment"; "d" ]
                      [ "list"; "--base-url"; "https://user:pw@example.com/"; "--organization"; "o"; "--deployment"; "d" ]
                      [ "list"; "--api-version"; "v9"; "--organization"; "o"; "--deployment"; "d" ] ] do
                    let outcome = cli "a-token" args
                    noCrash (String.Join(" ", args)) outcome
                    expectExit 2 outcome
                    Expect.isFalse (outcome.Stderr.Contains "pw@") "a credential in a URL is never repeated"
                Expect.equal [ for r in sandbox.Requests.Entries do if r.Method = "POST" then r ] [] "no token was created by a refused command"
                Directory.Delete(folder, true)
            })

        testCase "loopback goes direct: with every proxy variable pointing at a proxy, the embedded sandbox answers and the proxy sees nothing" <| fun () ->
            let listener, lines, _ = fakeProxy ()
            try
                let port = (listener.LocalEndpoint :?> IPEndPoint).Port
                let outcome =
                    Processes.run "dotnet" [ toolDll; "list"; "--sandbox"; "--max-items"; "3"; "--format"; "json" ] ReadmeTests.repoRoot
                        (proxyEnvironment port) (TimeSpan.FromMinutes 2.0)
                expectExit 0 outcome
                Expect.isEmpty (List.ofSeq lines) "nothing reached the proxy"
            finally
                listener.Stop()

        testCase "other addresses follow the proxy variables, and NO_PROXY" <| fun () ->
            let listener, lines, _ = fakeProxy ()
            try
                let port = (listener.LocalEndpoint :?> IPEndPoint).Port
                let args = [ toolDll; "list"; "--base-url"; "https://api.example.invalid/"; "--organization"; "o"; "--deployment"; "d"; "--timeout"; "3" ]
                let through = Processes.run "dotnet" args ReadmeTests.repoRoot ([ "ASTRO_API_TOKEN", "a-token" ] @ proxyEnvironment port) (TimeSpan.FromMinutes 1.0)
                noCrash "through the proxy" through
                Expect.contains (List.ofSeq lines) "CONNECT api.example.invalid:443 HTTP/1.1" "the request went to the proxy"
                Expect.isFalse (through.Stderr.Contains "a-token") "the bearer token is not repeated"
                while lines.TryDequeue() |> fst do ()
                let bypassed =
                    Processes.run "dotnet" args ReadmeTests.repoRoot
                        ([ "ASTRO_API_TOKEN", "a-token"; "NO_PROXY", "api.example.invalid"; "no_proxy", "api.example.invalid" ] @ proxyEnvironment port) (TimeSpan.FromMinutes 1.0)
                noCrash "NO_PROXY" bypassed
                Expect.isEmpty (List.ofSeq lines) "NO_PROXY: nothing reached the proxy"
            finally
                listener.Stop()

        testCaseTask "the run's deadline: --timeout ends a slow run with exit 6 and one line" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                sandbox.Faults.Add(FaultRule(Fault.Latency(TimeSpan.FromSeconds 30.0), FaultTrigger.EveryNth 1)) |> ignore
                let clock = Stopwatch.StartNew()
                let outcome = at sandbox [ "list"; "--timeout"; "2" ]
                expectExit 6 outcome
                expectOneLineError outcome
                Expect.stringContains outcome.Stderr "--timeout" "names the deadline"
                Expect.isLessThan clock.Elapsed.TotalSeconds 25.0 "ended at the deadline, not after the server"
            })

        testCaseTask "snapshot save keeps an existing file unless --force, and writes owner-only, atomically" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                let folder, _ = scratch ()
                let path = Path.Combine(folder, "week.json")
                expectExit 0 (at sandbox [ "snapshot"; "save"; "--out"; path ])
                Expect.equal (File.GetUnixFileMode path) (UnixFileMode.UserRead ||| UnixFileMode.UserWrite) "0600"
                let first = File.ReadAllText path
                let again = at sandbox [ "snapshot"; "save"; "--out"; path ]
                expectExit 2 again
                Expect.stringContains again.Stderr "--force" "says how to replace it"
                Expect.equal (File.ReadAllText path) first "last week's snapshot is untouched"
                expectExit 0 (at sandbox [ "snapshot"; "save"; "--out"; path; "--force" ])
                Expect.equal (File.GetUnixFileMode path) (UnixFileMode.UserRead ||| UnixFileMode.UserWrite) "still 0600"
                Expect.isEmpty (Directory.GetFiles folder |> Array.filter (fun f -> f.EndsWith ".tmp")) "no temporary file left"
                Directory.Delete(folder, true)
            })

        testCaseTask "a Create answer without a secret is an error that names the token; no file is left, empty or not" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                sandbox.Faults.Next(Fault.NoSecret()) |> ignore
                let folder, _ = scratch ()
                let path = Path.Combine(folder, "secret")
                let outcome = at sandbox [ "create"; "--name"; "no-secret"; "--secret-file"; path ]
                expectExit 1 outcome
                let created = sandbox.Store.Sorted([| "createdAt:desc" |]) |> Seq.find (fun t -> t.Name = "no-secret")
                Expect.stringContains outcome.Stderr created.Id "names the created token"
                Expect.isFalse (File.Exists path) "no secret file"
                Expect.isEmpty (Directory.GetFiles folder |> Array.filter (fun f -> f.EndsWith ".tmp")) "no temporary file left"
                Directory.Delete(folder, true)
            })

        testCaseTask "a secret with terminal controls is refused, not printed, and the token is named" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                sandbox.Faults.Next(Fault.HostileSecret()) |> ignore
                let outcome = at sandbox [ "create"; "--name"; "hostile-secret"; "--show-secret" ]
                expectExit 1 outcome
                expectNoControlCharacters "stdout" outcome.Stdout
                Expect.isFalse (outcome.Stdout.Contains "token: ") "the secret is not printed"
                let created = sandbox.Store.Sorted([| "createdAt:desc" |]) |> Seq.find (fun t -> t.Name = "hostile-secret")
                Expect.stringContains outcome.Stderr created.Id "names the created token"
            })

        testCaseTask "the secret file: written owner-only, flushed and renamed into place; an unwritable folder refuses before creating" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                let folder, file = scratch ()
                let path = Path.Combine(folder, "secret")
                let outcome = at sandbox [ "create"; "--name"; "kept"; "--secret-file"; path ]
                expectExit 0 outcome
                Expect.stringStarts (File.ReadAllText path) "astro_" "the secret is in the file"
                Expect.equal (File.GetUnixFileMode path) (UnixFileMode.UserRead ||| UnixFileMode.UserWrite) "0600"
                Expect.isEmpty (Directory.GetFiles folder |> Array.filter (fun f -> f.EndsWith ".tmp")) "no temporary file left"
                let before = sandbox.Requests.Count
                let refused = at sandbox [ "create"; "--name"; "never"; "--secret-file"; Path.Combine(file, "secret") ]
                expectExit 7 refused
                Expect.isEmpty [ for r in Seq.skip before sandbox.Requests.Entries do if r.Method = "POST" then r ] "refused before any token was created"
                Directory.Delete(folder, true)
            })

        testCaseTask "Ctrl+C while Create's answer is on its way: the token's secret is still kept" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                // The answer's first half goes out, then the sandbox waits until the test has sent SIGINT.
                let resume = TaskCompletionSource()
                sandbox.Faults.Next(Fault.PauseBody resume.Task) |> ignore
                let folder, _ = scratch ()
                let path = Path.Combine(folder, "secret")
                let info = ProcessStartInfo("dotnet", RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = ReadmeTests.repoRoot)
                for a in [ toolDll; "create"; "--name"; "interrupted"; "--secret-file"; path ] @ pointedAt sandbox do info.ArgumentList.Add a
                info.Environment.["ASTRO_API_TOKEN"] <- sandbox.ApiToken
                use p = Process.Start info
                let stdout = p.StandardOutput.ReadToEndAsync()
                let stderr = p.StandardError.ReadToEndAsync()
                let waited = Stopwatch.StartNew()
                while not (sandbox.Requests.Entries |> Seq.exists (fun r -> r.Method = "POST")) && waited.Elapsed < TimeSpan.FromSeconds 60.0 do
                    do! Task.Delay 50
                Expect.isFalse p.HasExited "the tool is waiting for the rest of Create's answer"
                Processes.run "kill" [ "-INT"; string p.Id ] ReadmeTests.repoRoot [] (TimeSpan.FromSeconds 10.0) |> ignore
                do! Task.Delay 500
                resume.SetResult()
                p.WaitForExit 60_000 |> ignore
                Expect.equal p.ExitCode 0 (sprintf "finished the create\n%s\n%s" stdout.Result stderr.Result)
                Expect.stringStarts (File.ReadAllText path) "astro_" "the secret was kept"
                Directory.Delete(folder, true)
            })

        testCaseTask "server text is inert in a table: escapes, bidirectional overrides and zero-width characters are shown, not obeyed" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                sandbox.Faults.Add(FaultRule(Fault.HostileNames(), FaultTrigger.EveryNth 1)) |> ignore
                let outcome = at sandbox [ "list"; "--format"; "table" ]
                expectExit 0 outcome
                for c in [ '\u202e'; '\u200b'; '\u2066'; '\u2069'; '\u061c'; '\u001b' ] do
                    Expect.isFalse (outcome.Stdout.Contains c) (sprintf "no raw U+%04X" (int c))
                Expect.stringContains outcome.Stdout "\\u202e" "the override is shown as an escape"
                let csv = at sandbox [ "list"; "--format"; "csv" ]
                Expect.stringContains csv.Stdout "x;'=1+2" "a fragment after ';' cannot start a formula"
            })

        testCaseTask "a deployment the server lists with the ID '.' or '..' is reported and skipped; the audit exits 1 at the end" <| fun () ->
            withSandbox (SandboxOptions(Tokens = 3, Deployments = 4, VaryTokens = false, Seed = 9, Now = Nullable fixedNow, RemoteExecutionShare = 1.0)) (fun sandbox -> task {
                sandbox.Faults.Add(FaultRule(Fault.HostileDeploymentIds(), FaultTrigger.EveryNth 1)) |> ignore
                let args = [ "check"; "--format"; "json"; "--base-url"; string sandbox.BaseAddress; "--organization"; sandbox.OrganizationId ]
                let outcome = cli sandbox.ApiToken args
                expectExit 1 outcome
                Expect.stringContains outcome.Stderr "unaddressable" "the skipped deployments are named"
                use json = Text.Json.JsonDocument.Parse outcome.Stdout
                let rules = [ for f in json.RootElement.EnumerateArray() -> f.GetProperty("rule").GetString() ]
                Expect.equal (rules |> List.filter ((=) "skipped") |> List.length) 2 "both are reported in the JSON"
                let report = cli sandbox.ApiToken [ "report"; "--out"; Path.Combine(Path.GetTempPath(), "agent-tokens-skipped-report"); "--base-url"; string sandbox.BaseAddress; "--organization"; sandbox.OrganizationId ]
                expectExit 1 report
                Expect.stringContains report.Stdout "Deployments: 4 (2 skipped" "the report covers the rest"
            })
    ]
