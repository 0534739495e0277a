/// The tool against a lying or broken server: every bound holds, the error is one readable line with the documented
/// exit code, the terminal never receives a raw control character, and nothing secret is printed.
module AgentTokens.Tests.HostileServerTests

open System
open System.IO
open System.Linq
open System.Text.Json
open Expecto
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture
open AgentTokens.Tests.CliProcess

/// A sandbox with `tokens` tokens whose every request meets `fault`.
let private hostile tokens (fault: Fault) (run: Sandbox -> unit) =
    withSandbox (sandboxOptions tokens) (fun sandbox -> task {
        sandbox.Faults.Add(FaultRule(fault, FaultTrigger.EveryNth 1)) |> ignore
        run sandbox
    })

/// Exit 1, one line on stderr naming `what`, short enough to read.
let private refused (what: string) (outcome: Processes.Outcome) =
    expectExit 1 outcome
    expectOneLineError outcome
    Expect.stringContains outcome.Stderr what (sprintf "names %s" what)
    Expect.isLessThan outcome.Stderr.Length 1500 "a readable length"
    expectNoControlCharacters "stderr" outcome.Stderr

let tests =
    testSequenced <| testList "hostile server" [
        testCaseTask "a first page claiming totalCount 2147483647 is refused at once against MaxTokens" <| fun () ->
            hostile 5 (Fault.LyingTotal Int32.MaxValue) (fun sandbox ->
                refused "MaxTokens" (at sandbox [ "list"; "--format"; "json" ])
                Expect.equal sandbox.Requests.Count 1 "refused at the first page: no other request")

        testCaseTask "the organization's deployments claiming a total beyond MaxDeployments are refused at the first page" <| fun () ->
            withSandbox (SandboxOptions(Tokens = 3, Deployments = 4, Seed = 9, Now = Nullable fixedNow)) (fun sandbox -> task {
                sandbox.Faults.Add(FaultRule(Fault.LyingTotal Int32.MaxValue, FaultTrigger.EveryNth 1)) |> ignore
                use client = clientFor sandbox
                let! e = catchApi (fun () -> client.ListDeploymentsAsync(sandbox.OrganizationId).ToArrayAsync().AsTask())
                Expect.equal e.Violation (Nullable AgentTokens.BoundViolation.MaxDeployments) "the typed bound"
                Expect.stringContains e.Message "MaxDeployments" "named in the message"
                Expect.equal sandbox.Requests.Count 1 "one request"
            })

        testCaseTask "each aggregate bound is an option: MaxTokens, MaxDeployments and MaxPages below the totals refuse them" <| fun () ->
            withSandbox (SandboxOptions(Tokens = 5, Deployments = 4, Seed = 9, Now = Nullable fixedNow)) (fun sandbox -> task {
                let bounded (set: AgentTokens.AgentTokensClientOptions -> AgentTokens.AgentTokensClientOptions) = new AgentTokens.AgentTokensClient(sharedHttp, set (clientOptions sandbox))
                use tight = bounded (Fixtures.copyWith "MaxTokens" (box 3))
                let! e = catchApi (fun () -> tight.ListAsync(AgentTokens.AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId)).ToArrayAsync().AsTask())
                Expect.equal e.Violation (Nullable AgentTokens.BoundViolation.MaxTokens) "MaxTokens 3 against 5 tokens"
                use fewDeployments = bounded (Fixtures.copyWith "MaxDeployments" (box 2))
                let! e = catchApi (fun () -> fewDeployments.ListDeploymentsAsync(sandbox.OrganizationId).ToArrayAsync().AsTask())
                Expect.equal e.Violation (Nullable AgentTokens.BoundViolation.MaxDeployments) "MaxDeployments 2 against 4"
                use fewPages = bounded (Fixtures.copyWith "MaxPages" (box 2))
                let query = AgentTokens.AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, PageSize = Nullable 1)
                let! e = catchApi (fun () -> fewPages.ListAsync(query).ToArrayAsync().AsTask())
                Expect.equal e.Violation (Nullable AgentTokens.BoundViolation.MaxPages) "MaxPages 2 against 5 pages of 1"
            })

        testCaseTask "a page holding more tokens than its limit is a broken listing" <| fun () ->
            hostile 30 (Fault.OverfullPage 5) (fun sandbox ->
                refused "limit" (at sandbox [ "list"; "--page-size"; "10"; "--format"; "json" ]))

        testCaseTask "a 500 whose message is 20 MiB: one line of readable length" <| fun () ->
            hostile 5 (Fault.HugeError(20 * 1024 * 1024)) (fun sandbox ->
                refused "500" (at sandbox [ "list"; "--format"; "json" ]))

        testCaseTask "a 400 with a thousand long field errors: cut, and says how many were left out" <| fun () ->
            hostile 5 (Fault.ManyFieldErrors 1000) (fun sandbox ->
                let outcome = at sandbox [ "list"; "--format"; "json" ]
                refused "400" outcome
                Expect.stringContains outcome.Stderr "more" "says that field errors were left out")

        testCaseTask "a page over MaxPageBytes (16 MiB) and a token over MaxTokenBytes (1 MiB) are refused" <| fun () ->
            hostile 5 (Fault.HugeBody(20 * 1024 * 1024)) (fun sandbox ->
                refused "MaxPageBytes" (at sandbox [ "list"; "--format"; "json" ])
                let id = sandbox.Store.Tokens.[0].Id
                refused "MaxTokenBytes" (at sandbox [ "get"; id; "--format"; "json" ]))

        testCaseTask "a gzip body that inflates to 2 GiB stops at MaxPageBytes" <| fun () ->
            hostile 5 (Fault.GzipBomb(2L * 1024L * 1024L * 1024L)) (fun sandbox ->
                refused "MaxPageBytes" (at sandbox [ "list"; "--format"; "json" ]))

        testCaseTask "terminal escapes in names: the table shows them escaped, JSON keeps them exact" <| fun () ->
            hostile 4 (Fault.HostileNames()) (fun sandbox ->
                let table = at sandbox [ "list"; "--format"; "table" ]
                expectExit 0 table
                expectNoControlCharacters "the table" table.Stdout
                Expect.stringContains table.Stdout "\\u001b[2J" "the escape is shown, visibly"
                let json = at sandbox [ "list"; "--format"; "json" ]
                expectExit 0 json
                let names = [ for t in JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray() -> t.GetProperty("name").GetString() ]
                Expect.all names (fun n -> n.StartsWith "\u001b[2J\u001b]0;pwned\u0007") "JSON keeps the server's text exact"
                expectNoControlCharacters "the JSON" json.Stdout
                let csv = at sandbox [ "list"; "--format"; "csv" ]
                expectExit 0 csv
                expectNoControlCharacters "the CSV" (csv.Stdout.Replace("\r\n", "\n"))
                let onTty = onTerminal sandbox [ "list" ] ""
                expectExit 0 onTty
                expectNoControlCharacters "the terminal" onTty.Stdout)

        testCaseTask "terminal escapes and new lines in an error message: one escaped line" <| fun () ->
            hostile 4 (Fault.HostileError()) (fun sandbox ->
                refused "500" (at sandbox [ "list"; "--format"; "json" ]))

        testCaseTask "CSV cells a spreadsheet would read as a formula are neutralised" <| fun () ->
            withSandbox (sandboxOptions 0) (fun sandbox -> task {
                use client = clientFor sandbox
                for name in [ "=HYPERLINK(\"http://x\")"; "+1+1"; "-2"; "@SUM(A1)"; "plain" ] do
                    let! _ = client.CreateAsync(sandbox.OrganizationId, sandbox.DeploymentId, name)
                    ()
                let csv = at sandbox [ "list"; "--format"; "csv" ]
                expectExit 0 csv
                for formula in [ "'=HYPERLINK"; "'+1+1"; "'-2"; "'@SUM(A1)" ] do
                    Expect.stringContains csv.Stdout formula (sprintf "%s is neutralised" formula)
                Expect.stringContains csv.Stdout ",plain," "plain text stays as it is"
            })

        test "a base URL with user information is refused without echoing it" {
            let outcome = cli "t" [ "list"; "-o"; "o"; "-d"; "d"; "--base-url"; "https://agent:hunter2@api.example.com" ]
            expectExit 2 outcome
            Expect.isFalse ((outcome.Stdout + outcome.Stderr).Contains "hunter2") "the password is never printed"
            Expect.isFalse ((outcome.Stdout + outcome.Stderr).Contains "agent:") "nor the user"
            Expect.stringContains outcome.Stderr "user information" "says why"
        }
    ]
