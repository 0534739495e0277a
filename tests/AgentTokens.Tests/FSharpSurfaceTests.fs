/// The F# surface as a user meets it, step by step: what the `.fsi` files promise and nothing else from the
/// library (the sandbox is only the server, and its request log the witness). Read it as documentation.
module AgentTokens.Tests.FSharpSurfaceTests

open System
open System.IO
open System.Reflection
open System.Text.RegularExpressions
open System.Threading
open Expecto
open AgentTokens.FSharp
open AgentTokens.Tests.SandboxFixture

/// 1. Connect: a base address, a bearer token, an organization and a deployment.
let private connect (sandbox: AgentTokens.Sandbox.Sandbox) =
    Connection.create sandbox.BaseAddress sandbox.ApiToken sandbox.OrganizationId sandbox.DeploymentId

let private none = CancellationToken.None

let private walkthrough =
    testList "walkthrough" [
        testCaseTask "2. a query is a pipeline; its listing is a stream that every sort orders as the API does" <| fun () ->
            withSandbox (sandboxOptions 700) (fun sandbox -> task {
                let c = connect sandbox
                for sort in Sort.all do
                    let! tokens = c.Query |> Query.sortBy [ sort ] |> Query.pageSize 300 |> Tokens.list c.Client |> Stream.toList
                    let expected = sandbox.Store.Sorted([| Sort.toString sort |]) |> Seq.map (fun t -> t.Id) |> List.ofSeq
                    Expect.equal (tokens |> List.map (fun t -> t.Id)) expected (Sort.toString sort)
            })

        testCaseTask "3. Query.take and Stream.take stop early; fold, filter and toArray read without enumerator loops" <| fun () ->
            withSandbox (sandboxOptions 2500) (fun sandbox -> task {
                let c = connect sandbox
                let! tokens = c.Query |> Query.sortBy [ Desc CreatedAt; Asc Name ] |> Query.pageSize 500 |> Query.take 100 |> Tokens.list c.Client |> Stream.toArray
                Expect.equal tokens.Length 100 "100 tokens"
                Expect.equal [ for r in sandbox.Requests.Entries -> List.ofSeq (r.QueryValues "limit") ] [ [ "100" ] ] "one request, for only 100"
                let sent = sandbox.Requests.Entries.[0]
                let shown = c.Query |> Query.sortBy [ Desc CreatedAt; Asc Name ] |> Query.pageSize 500 |> Query.take 100 |> Query.firstRequest ApiVersion.V1
                Expect.equal (Uri.UnescapeDataString("/" + shown)) (Uri.UnescapeDataString(sent.Path + "?" + sent.Query.TrimStart('?'))) "firstRequest shows the request as sent"
                let! few = c.Query |> Query.pageSize 10 |> Tokens.list c.Client |> Stream.filter (fun t -> t.Kind = Kind.Standard) |> Stream.take 3 |> Stream.toList
                Expect.equal few.Length 3 "three standard tokens"
                let! names = c.Query |> Tokens.list c.Client |> Stream.map (fun t -> t.Name) |> Stream.fold (fun n _ -> n + 1) 0
                Expect.equal names 2500 "fold sees every token"
                let seen = Collections.Concurrent.ConcurrentBag<string>()
                do! c.Query |> Query.take 7 |> Tokens.list c.Client |> Stream.iter (fun t -> seen.Add t.Id)
                Expect.equal seen.Count 7 "iter runs once per token"
            })

        testCaseTask "4. pages carry their offsets and totalCount" <| fun () ->
            withSandbox (sandboxOptions 250) (fun sandbox -> task {
                let c = connect sandbox
                let! pages = c.Query |> Query.pageSize 100 |> Tokens.pages c.Client |> Stream.toList
                Expect.equal [ for p in pages -> p.Offset, p.Tokens.Length, p.TotalCount ] [ 0, 100, 250; 100, 100, 250; 200, 50, 250 ] "pages"
            })

        testCaseTask "5. listAll is the Result form, with what the pager saw; the stream raises the same failure" <| fun () ->
            withSandbox (sandboxOptions 60) (fun sandbox -> task {
                let c = connect sandbox
                let! listing = Tokens.listAll c.Client (c.Query |> Query.pageSize 25)
                let listing = Expect.wantOk listing "listed"
                Expect.equal (listing.Tokens.Length, listing.Diagnostics.Requests, listing.Diagnostics.Complete) (60, 3, true) "every token, three requests, complete"
                let bad = { c.Query with DeploymentId = " " }
                match! Tokens.listAll c.Client bad with
                | Error(Invalid(problem, _) as failure) ->
                    Expect.equal problem.Status 0 "refused before sending"
                    let! raised = Tokens.list c.Client bad |> Stream.toList |> catchAsyncTask
                    match raised with
                    | ApiFailureException same -> Expect.equal same failure "the same ApiFailure"
                    | other -> failtestf "the stream raises ApiFailureException, got %O" other
                | other -> failtestf "expected Invalid, got %A" other
                Expect.equal sandbox.Requests.Count 3 "nothing sent for the bad query"
            })

        testCaseTask "6. cancelling ends a listing, an organization listing and a get at once" <| fun () ->
            withSandbox (sandboxOptions 3000) (fun sandbox -> task {
                let c = connect sandbox
                use cancel = new CancellationTokenSource()
                let query = c.Query |> Query.pageSize 100 |> Query.cancelWith cancel.Token
                let! e = Tokens.list c.Client query |> Stream.iter (fun _ -> cancel.Cancel()) |> fun t -> catchAsync (fun () -> t)
                Expect.isTrue (e :? OperationCanceledException) (sprintf "cancelled, got %O" e)
                Expect.isLessThan sandbox.Requests.Count 3 "no page after the cancel"
                let! got = Tokens.get c.Client c.OrganizationId sandbox.DeploymentId "x" cancel.Token |> catchAsyncTask
                Expect.isTrue (got :? OperationCanceledException) "get takes the token too"
                let! org = Tokens.organization c.Client c.OrganizationId 4 cancel.Token |> Stream.toList |> catchAsyncTask
                Expect.isTrue (org :? OperationCanceledException) "so does the organization"
                let! audit = Audit.collect { c with DeploymentId = None } 4 (fun _ _ -> ()) cancel.Token |> catchAsyncTask
                Expect.isTrue (audit :? OperationCanceledException) "and an audit"
            })

        testCaseTask "7. get, create and delete return Results whose failures are the cases a caller handles" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                let c = connect sandbox
                let dep = sandbox.DeploymentId
                let! created = Tokens.create c.Client c.OrganizationId dep { Tokens.newToken "pool-f" with ExpiryPeriodInDays = Some 90 } none
                let created = Expect.wantOk created "created"
                Expect.isSome created.Secret "the secret, once"
                Expect.equal (sprintf "%A|%O" created.Secret.Value created.Secret.Value) "***|***" "a secret prints as ***"
                let! got = Tokens.get c.Client c.OrganizationId dep created.Token.Id none
                Expect.equal (Expect.wantOk got "got") created.Token "the same token, minus the secret"
                let! deleted = Tokens.delete c.Client c.OrganizationId dep created.Token.Id none
                Expect.equal deleted (Ok Deleted) "deleted"
                let! again = Tokens.delete c.Client c.OrganizationId dep created.Token.Id none
                Expect.equal again (Ok AlreadyAbsent) "already absent, told apart"
                match! Tokens.get c.Client c.OrganizationId dep created.Token.Id none with
                | Error(NotFound p as failure) ->
                    Expect.isSome p.RequestId "requestId"
                    Expect.stringContains (ApiFailure.describe failure) p.RequestId.Value "described with its requestId"
                | other -> failtestf "expected NotFound, got %A" other
                match! Tokens.create c.Client c.OrganizationId dep { Tokens.newToken "x" with ExpiryPeriodInDays = Some 0 } none with
                | Error(Invalid(_, [ field ])) -> Expect.equal field.Field "tokenExpiryPeriodInDays" "named before sending"
                | other -> failtestf "expected Invalid, got %A" other
                let wrong = Connection.create sandbox.BaseAddress "wrong" c.OrganizationId dep
                let! unauthorized = Tokens.get wrong.Client c.OrganizationId dep "x" none
                Expect.isTrue (match unauthorized with Error(Unauthorized _) -> true | _ -> false) "401"
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.Forbidden()) |> ignore
                let! forbidden = Tokens.get c.Client c.OrganizationId dep "x" none
                Expect.isTrue (match forbidden with Error(Forbidden _) -> true | _ -> false) "403"
                let! first = c.Query |> Query.take 1 |> Tokens.list c.Client |> Stream.toList
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.HugeBody(2 * 1024 * 1024)) |> ignore
                let! tooBig = Tokens.get c.Client c.OrganizationId dep first.Head.Id none
                Expect.isTrue (match tooBig with Error(Refused(_, AgentTokens.BoundViolation.MaxTokenBytes)) -> true | _ -> false) (sprintf "a bound is Refused, naming it: %A" tooBig)
            })

        testCaseTask "8. an audit of the organization feeds the analysis, the policy and snapshots" <| fun () ->
            withSandbox (AgentTokens.Sandbox.SandboxOptions.EmbeddedOrganization) (fun sandbox -> task {
                let organization = { connect sandbox with DeploymentId = None }
                let progress = Collections.Concurrent.ConcurrentQueue<int * int>()
                let! audit = Audit.collect organization 8 (fun finished total -> progress.Enqueue(finished, total)) none
                let audit = Expect.wantOk audit "audited"
                let remote = sandbox.Organization.DeploymentList |> Seq.filter (fun d -> d.RemoteExecution) |> Seq.map (fun d -> d.Id) |> Set.ofSeq
                Expect.equal (audit.Deployments |> List.map (fun d -> d.Deployment.Id) |> Set.ofList) remote "every Remote Execution deployment"
                Expect.exists audit.Deployments (fun d -> d.Tokens.IsEmpty) "some hold no token, and are still there"
                Expect.equal audit.Tokens.Length (remote |> Seq.sumBy (fun id -> sandbox.Organization.Deployments.[id].Count)) "every token"
                Expect.contains (List.ofSeq progress) (remote.Count, remote.Count) "progress reached the end"
                let summary = Analysis.summary sandbox.Now audit.Tokens
                Expect.equal summary.Total audit.Tokens.Length "the summary counts them all"
                let findings = Policy.check Policy.defaults sandbox.Now audit
                Expect.isNonEmpty findings "the seeded organization has tokens to act on"
                let snapshot = Snapshot.capture sandbox.Now "v1" audit
                Expect.isTrue (Snapshot.diff snapshot (Snapshot.ofJson (Snapshot.toJson snapshot))).IsEmpty "a snapshot reads back as it was"
                match Connection.query organization with
                | Error message -> Expect.stringContains message "deployment" "an organization has no single query"
                | Ok _ -> failtest "an organization-wide connection has no deployment query"
            })
    ]

/// The names the `.fsi` files declare: types, modules and exceptions.
let private declared (folder: string) =
    Directory.GetFiles(Path.Combine(ReadmeTests.repoRoot, "src", folder), "*.fsi")
    |> Seq.collect (fun f ->
        Regex.Matches(File.ReadAllText f, @"^\s*(?:\[<[^\n]*>\]\s*)?(?:type|module|exception|and)\s+(?:\[<[^\n]*>\]\s*)?(?:[\w.]+\.)?(\w+)", RegexOptions.Multiline)
        |> Seq.map (fun m -> m.Groups.[1].Value))
    |> Set.ofSeq

/// The public top-level types of an assembly, by their F# names (a module's "Module" suffix removed).
let private exported (assembly: Assembly) =
    assembly.GetExportedTypes()
    |> Seq.filter (fun t -> isNull t.DeclaringType && not (t.Name.StartsWith "<")) // "<...>": compiler-made, unnameable (anonymous records)
    |> Seq.map (fun t -> if t.Name.EndsWith "Module" then t.Name.Substring(0, t.Name.Length - 6) else t.Name)
    |> Set.ofSeq

/// Every source file of a project has a signature, or is internal.
let private unsigned (folder: string) =
    Directory.GetFiles(Path.Combine(ReadmeTests.repoRoot, "src", folder), "*.fs")
    |> Seq.filter (fun f ->
        not (File.Exists(f + "i"))
        && not (File.ReadAllLines f |> Seq.exists (fun l -> l.StartsWith "module internal ")))
    |> Seq.map Path.GetFileName
    |> List.ofSeq

let private surface =
    testList "surface" [
        for folder, assembly in [ "AgentTokens.FSharp", typeof<Token>.Assembly; "AgentTokens.Charts", typeof<AgentTokens.Charts.ChartData.DeploymentRow>.Assembly ] do
            test $"{folder} exposes exactly what its .fsi files declare" {
                Expect.equal (unsigned folder) [] "every file has a signature or is internal"
                let extra = Set.difference (exported assembly) (declared folder)
                Expect.isEmpty extra (sprintf "no public type that a signature does not declare: %A" extra)
            }
        test "the F# layer names nothing that shadows the core's types" {
            let core = typeof<AgentTokens.AgentToken>.Assembly.GetExportedTypes() |> Seq.map (fun t -> t.Name) |> Set.ofSeq
            let fsharp = exported typeof<Token>.Assembly
            Expect.isEmpty (Set.intersect core fsharp) (sprintf "one namespace to open, no name that means two things: %A" (Set.intersect core fsharp))
        }
    ]

let tests = testList "F# surface" [ walkthrough; surface ]
