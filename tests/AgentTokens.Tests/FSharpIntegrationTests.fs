/// The F# layer against the sandbox over loopback.
module AgentTokens.Tests.FSharpIntegrationTests

open System
open Expecto
open AgentTokens.FSharp
open AgentTokens.Tests.SandboxFixture

let private connect (sandbox: AgentTokens.Sandbox.Sandbox) =
    { Client = clientFor sandbox; OrganizationId = sandbox.OrganizationId; DeploymentId = sandbox.DeploymentId }

let tests =
    testList "F# over the sandbox" [
        testCaseTask "list with every sort yields the sandbox's own order" <| fun () ->
            withSandbox (sandboxOptions 700) (fun sandbox -> task {
                let c = connect sandbox
                for sort in Sort.all do
                    let! tokens = c.Query |> Query.sortBy [ sort ] |> Query.pageSize 300 |> AgentTokens.list c.Client |> AgentTokens.toList
                    let expected = sandbox.Store.Sorted([| Sort.toString sort |]) |> Seq.map (fun t -> t.Id) |> List.ofSeq
                    Expect.equal (tokens |> List.map (fun t -> t.Id)) expected (Sort.toString sort)
            })

        testCaseTask "take stops early without fetching further pages" <| fun () ->
            withSandbox (sandboxOptions 2500) (fun sandbox -> task {
                let c = connect sandbox
                let! tokens = c.Query |> Query.sortBy [ Desc CreatedAt; Asc Name ] |> Query.pageSize 500 |> Query.take 100 |> AgentTokens.list c.Client |> AgentTokens.toArray
                Expect.equal tokens.Length 100 "100 tokens"
                let requests = sandbox.Requests.Entries
                Expect.equal requests.Count 1 "one request"
                Expect.equal (List.ofSeq (requests.[0].QueryValues "limit")) [ "100" ] "asks for only 100"
            })

        testCaseTask "pages carry their offsets and totalCount" <| fun () ->
            withSandbox (sandboxOptions 250) (fun sandbox -> task {
                let c = connect sandbox
                let! pages = c.Query |> Query.pageSize 100 |> AgentTokens.pages c.Client |> AgentTokens.toList
                Expect.equal [ for p in pages -> p.Offset, p.Tokens.Length, p.TotalCount ] [ 0, 100, 250; 100, 100, 250; 200, 50, 250 ] "pages"
            })

        testCaseTask "get, create and delete return Results; failures are the cases a caller handles" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                let c = connect sandbox
                let! created = AgentTokens.create c.Client c.OrganizationId c.DeploymentId { AgentTokens.newToken "pool-f" with ExpiryPeriodInDays = Some 90 }
                let created = Expect.wantOk created "created"
                Expect.isSome created.Secret "the secret, once"
                let! got = AgentTokens.get c.Client c.OrganizationId c.DeploymentId created.Token.Id
                Expect.equal (Expect.wantOk got "got") created.Token "the same token, minus the secret"
                let! deleted = AgentTokens.delete c.Client c.OrganizationId c.DeploymentId created.Token.Id
                Expect.isOk deleted "deleted"
                let! missing = AgentTokens.get c.Client c.OrganizationId c.DeploymentId created.Token.Id
                match missing with
                | Error(NotFound p) -> Expect.isSome p.RequestId "requestId"
                | other -> failtestf "expected NotFound, got %A" other
                let! invalid = AgentTokens.create c.Client c.OrganizationId c.DeploymentId { AgentTokens.newToken "x" with ExpiryPeriodInDays = Some 0 }
                match invalid with
                | Error(Invalid(_, [ field ])) -> Expect.equal field.Field "tokenExpiryPeriodInDays" "named before sending"
                | other -> failtestf "expected Invalid, got %A" other
                use wrong = new AgentTokens.AgentTokensClient(sharedHttp, AgentTokens.AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = "wrong"))
                let! unauthorized = AgentTokens.get wrong c.OrganizationId c.DeploymentId "x"
                Expect.isTrue (match unauthorized with Error(Unauthorized _) -> true | _ -> false) "401"
                use once = noRetryClientFor sandbox
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.RateLimited(TimeSpan.FromSeconds 1.0)) |> ignore
                let! limited = AgentTokens.get once c.OrganizationId c.DeploymentId "x"
                Expect.isTrue (match limited with Error(RateLimited _) -> true | _ -> false) "429"
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.ServerError 503) |> ignore
                let! down = AgentTokens.get once c.OrganizationId c.DeploymentId "x"
                Expect.isTrue (match down with Error(ServerError _) -> true | _ -> false) "503"
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.AbortConnection()) |> ignore
                let! network = AgentTokens.get once c.OrganizationId c.DeploymentId "x"
                Expect.isTrue (match network with Error(Network _) -> true | _ -> false) "network"
            })

        testCaseTask "a summary of the sandbox's deployment finds every headline" <| fun () ->
            withSandbox (sandboxOptions 300) (fun sandbox -> task {
                let c = connect sandbox
                let! tokens = AgentTokens.list c.Client c.Query |> AgentTokens.toList
                let s = Analysis.summary sandbox.Now tokens
                Expect.equal s.Total 300 "total"
                for name, n in [ "expired", s.Expired; "expiring within 7 days", s.ExpiringWithin7Days; "never used", s.NeverUsed; "older than 365 days", s.OlderThan365Days; "without expiry", s.WithoutExpiry ] do
                    Expect.isGreaterThan n 0 name
            })
    ]
