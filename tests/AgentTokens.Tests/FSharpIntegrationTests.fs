/// The F# layer against the sandbox over loopback.
module AgentTokens.Tests.FSharpIntegrationTests

open System
open System.Threading
open System.Threading.Tasks
open Expecto
open AgentTokens.FSharp
open AgentTokens.Tests.SandboxFixture

let private connect (sandbox: AgentTokens.Sandbox.Sandbox) =
    { Client = clientFor sandbox; OrganizationId = sandbox.OrganizationId; DeploymentId = Some sandbox.DeploymentId }

let private none = CancellationToken.None

let tests =
    testList "F# over the sandbox" [
        testCaseTask "list with every sort yields the sandbox's own order" <| fun () ->
            withSandbox (sandboxOptions 700) (fun sandbox -> task {
                let c = connect sandbox
                for sort in Sort.all do
                    let! tokens = c.Query |> Query.sortBy [ sort ] |> Query.pageSize 300 |> Tokens.list c.Client |> Stream.toList
                    let expected = sandbox.Store.Sorted([| Sort.toString sort |]) |> Seq.map (fun t -> t.Id) |> List.ofSeq
                    Expect.equal (tokens |> List.map (fun t -> t.Id)) expected (Sort.toString sort)
            })

        testCaseTask "take stops early without fetching further pages; Stream.take stops reading" <| fun () ->
            withSandbox (sandboxOptions 2500) (fun sandbox -> task {
                let c = connect sandbox
                let! tokens = c.Query |> Query.sortBy [ Desc CreatedAt; Asc Name ] |> Query.pageSize 500 |> Query.take 100 |> Tokens.list c.Client |> Stream.toArray
                Expect.equal tokens.Length 100 "100 tokens"
                let requests = sandbox.Requests.Entries
                Expect.equal requests.Count 1 "one request"
                Expect.equal (List.ofSeq (requests.[0].QueryValues "limit")) [ "100" ] "asks for only 100"
                let! few = c.Query |> Query.pageSize 10 |> Tokens.list c.Client |> Stream.filter (fun t -> t.Kind = Kind.Standard) |> Stream.take 3 |> Stream.toList
                Expect.equal few.Length 3 "three standard tokens"
                let! count = c.Query |> Tokens.list c.Client |> Stream.fold (fun n _ -> n + 1) 0
                Expect.equal count 2500 "fold sees every token"
            })

        testCaseTask "pages carry their offsets and totalCount" <| fun () ->
            withSandbox (sandboxOptions 250) (fun sandbox -> task {
                let c = connect sandbox
                let! pages = c.Query |> Query.pageSize 100 |> Tokens.pages c.Client |> Stream.toList
                Expect.equal [ for p in pages -> p.Offset, p.Tokens.Length, p.TotalCount ] [ 0, 100, 250; 100, 100, 250; 200, 50, 250 ] "pages"
            })

        testCaseTask "listAll is the Result form: the tokens with what the pager saw, or the failure the stream would raise" <| fun () ->
            withSandbox (sandboxOptions 60) (fun sandbox -> task {
                let c = connect sandbox
                let! listing = Tokens.listAll c.Client (c.Query |> Query.pageSize 25)
                let listing = Expect.wantOk listing "listed"
                Expect.equal (listing.Tokens.Length, listing.Diagnostics.Requests, listing.Diagnostics.Complete) (60, 3, true) "every token, three requests, complete"
                let bad = { c.Query with DeploymentId = " " }
                let! refused = Tokens.listAll c.Client bad
                match refused with
                | Error(Invalid(problem, _)) -> Expect.equal problem.Status 0 "refused before sending"
                | other -> failtestf "expected Invalid, got %A" other
                let! raised = Tokens.list c.Client bad |> Stream.toList |> catchAsyncTask
                match raised with
                | ApiFailureException(Invalid _) -> ()
                | other -> failtestf "the stream raises ApiFailureException with the same failure, got %O" other
            })

        testCaseTask "cancelling a listing ends it at once with OperationCanceledException" <| fun () ->
            withSandbox (sandboxOptions 3000) (fun sandbox -> task {
                let c = connect sandbox
                use cancel = new CancellationTokenSource()
                let query = c.Query |> Query.pageSize 100 |> Query.cancelWith cancel.Token
                let! e = Tokens.list c.Client query |> Stream.iter (fun _ -> cancel.Cancel()) |> fun t -> catchAsync (fun () -> t)
                Expect.isTrue (e :? OperationCanceledException) (sprintf "cancelled, got %O" e)
                Expect.isLessThan sandbox.Requests.Count 3 "no page after the cancel"
                let! got = Tokens.get c.Client c.OrganizationId sandbox.DeploymentId "x" cancel.Token |> catchAsyncTask
                Expect.isTrue (got :? OperationCanceledException) "get takes the token too"
            })

        testCaseTask "get, create and delete return Results; failures are the cases a caller handles" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                let c = connect sandbox
                let dep = sandbox.DeploymentId
                let! created = Tokens.create c.Client c.OrganizationId dep { Tokens.newToken "pool-f" with ExpiryPeriodInDays = Some 90 } none
                let created = Expect.wantOk created "created"
                Expect.isSome created.Secret "the secret, once"
                let! got = Tokens.get c.Client c.OrganizationId dep created.Token.Id none
                Expect.equal (Expect.wantOk got "got") created.Token "the same token, minus the secret"
                let! deleted = Tokens.delete c.Client c.OrganizationId dep created.Token.Id none
                Expect.equal deleted (Ok Deleted) "deleted"
                let! again = Tokens.delete c.Client c.OrganizationId dep created.Token.Id none
                Expect.equal again (Ok AlreadyAbsent) "already absent, told apart"
                let! missing = Tokens.get c.Client c.OrganizationId dep created.Token.Id none
                match missing with
                | Error(NotFound p) -> Expect.isSome p.RequestId "requestId"
                | other -> failtestf "expected NotFound, got %A" other
                let! invalid = Tokens.create c.Client c.OrganizationId dep { Tokens.newToken "x" with ExpiryPeriodInDays = Some 0 } none
                match invalid with
                | Error(Invalid(_, [ field ])) -> Expect.equal field.Field "tokenExpiryPeriodInDays" "named before sending"
                | other -> failtestf "expected Invalid, got %A" other
                use wrong = new Client(sharedHttp, ClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = "wrong"))
                let! unauthorized = Tokens.get wrong c.OrganizationId dep "x" none
                Expect.isTrue (match unauthorized with Error(Unauthorized _) -> true | _ -> false) "401"
                use once = noRetryClientFor sandbox
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.RateLimited(TimeSpan.FromSeconds 1.0)) |> ignore
                let! limited = Tokens.get once c.OrganizationId dep "x" none
                Expect.isTrue (match limited with Error(RateLimited _) -> true | _ -> false) "429"
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.Forbidden()) |> ignore
                let! forbidden = Tokens.get once c.OrganizationId dep "x" none
                Expect.isTrue (match forbidden with Error(Forbidden _) -> true | _ -> false) "403"
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.ServerError 503) |> ignore
                let! down = Tokens.get once c.OrganizationId dep "x" none
                Expect.isTrue (match down with Error(ServerError _) -> true | _ -> false) "503"
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.AbortConnection()) |> ignore
                let! network = Tokens.get once c.OrganizationId dep "x" none
                Expect.isTrue (match network with Error(Network _) -> true | _ -> false) "network"
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.HugeBody(2 * 1024 * 1024)) |> ignore
                let! huge = Tokens.get once c.OrganizationId dep created.Token.Id none
                Expect.isTrue (match huge with Error(Refused(_, "MaxTokenBytes")) | Error(NotFound _) -> true | _ -> false) "a bound is a Refused failure"
            })

        testCaseTask "a summary of the sandbox's deployment finds every headline" <| fun () ->
            withSandbox (sandboxOptions 300) (fun sandbox -> task {
                let c = connect sandbox
                let! tokens = Tokens.list c.Client c.Query |> Stream.toList
                let s = Analysis.summary sandbox.Now tokens
                Expect.equal s.Total 300 "total"
                for name, n in [ "expired", s.Expired; "expiring within 7 days", s.ExpiringWithin7Days; "never used", s.NeverUsed; "older than 365 days", s.OlderThan365Days; "without expiry", s.WithoutExpiry ] do
                    Expect.isGreaterThan n 0 name
            })

        testCaseTask "an audit of the embedded organization covers every Remote Execution deployment, empty ones included" <| fun () ->
            withSandbox (AgentTokens.Sandbox.SandboxOptions.EmbeddedOrganization) (fun sandbox -> task {
                let c = { Client = clientFor sandbox; OrganizationId = sandbox.OrganizationId; DeploymentId = None }
                let progress = Collections.Concurrent.ConcurrentQueue<int * int>()
                let! audit = Audit.collect c 8 (fun d t -> progress.Enqueue(d, t)) none
                let audit = Expect.wantOk audit "audited"
                let remote = sandbox.Organization.DeploymentList |> Seq.filter (fun d -> d.RemoteExecution) |> Seq.map (fun d -> d.Id) |> Set.ofSeq
                Expect.equal (audit.Deployments |> List.map (fun d -> d.Deployment.Id) |> Set.ofList) remote "every Remote Execution deployment"
                Expect.exists audit.Deployments (fun d -> d.Tokens.IsEmpty) "some hold no token, and are still there"
                Expect.all audit.Deployments (fun d -> d.Tokens.Length <= 50) "none past the API's limit"
                Expect.equal audit.Tokens.Length (remote |> Seq.sumBy (fun id -> sandbox.Organization.Deployments.[id].Count)) "every token"
                Expect.contains (List.ofSeq progress) (remote.Count, remote.Count) "progress reached the end"
                Expect.isGreaterThanOrEqual (sandbox.Organization.DeploymentList |> Seq.distinctBy (fun d -> d.WorkspaceId) |> Seq.length) 3 "a few workspaces"
            })
    ]
