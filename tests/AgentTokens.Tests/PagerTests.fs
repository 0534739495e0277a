/// The core pager over real loopback HTTP against the sandbox.
module AgentTokens.Tests.PagerTests

open System
open System.Linq
open System.Threading.Tasks
open Expecto
open AgentTokens
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

let private listRequests (sandbox: Sandbox) =
    sandbox.Requests.Entries |> Seq.filter (fun e -> e.Method = "GET" && e.Path.EndsWith "/agent-tokens") |> List.ofSeq

let private query (sandbox: Sandbox) = AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId)

let private storeIds (sandbox: Sandbox) = sandbox.Store.Tokens |> Seq.map (fun t -> t.Id) |> List.ofSeq

let private listAll (client: AgentTokensClient) q = task {
    let! tokens = client.ListAsync(q).ToArrayAsync()
    return tokens |> Array.map (fun t -> t.Id) |> List.ofArray }

let private countCase n pageSize =
    testCaseTask (sprintf "%d tokens at page size %d: all of them, in ceil(N/%d) requests" n pageSize pageSize) <| fun () ->
        withSandbox (sandboxOptions n) (fun sandbox -> task {
            use client = clientFor sandbox
            let! ids = listAll client (query sandbox |> fun q -> AgentTokenListQuery(q.OrganizationId, q.DeploymentId, PageSize = Nullable pageSize))
            Expect.equal ids (storeIds sandbox) "every token once, in the server's order"
            let expected = max 1 (int (ceil (float n / float pageSize)))
            let requests = listRequests sandbox
            Expect.equal requests.Length expected "no extra request at the end"
            Expect.equal [ for r in requests -> r.QueryValues "limit" |> Seq.exactlyOne ] (List.replicate expected (string pageSize)) "limit asked"
        })

let tests =
    testList "pager over the sandbox" [
        for n in [ 0; 1; 999; 1000; 1001; 2500 ] do
            countCase n 1000
        countCase 2500 100
        countCase 45 20

        testCaseTask "the default page size is 1000, the API's maximum" <| fun () ->
            withSandbox (sandboxOptions 1500) (fun sandbox -> task {
                use client = clientFor sandbox
                let! ids = listAll client (query sandbox)
                Expect.equal ids.Length 1500 "all"
                Expect.equal [ for r in listRequests sandbox -> r.QueryValues "offset" |> Seq.exactlyOne ] [ "0"; "1000" ] "two pages"
            })

        testCaseTask "a server that caps limit at 100: the pager advances by what it got" <| fun () ->
            withSandbox (sandboxOptions 1001) (fun sandbox -> task {
                sandbox.Faults.Add(FaultRule(Fault.CapLimit 100, FaultTrigger.EveryNth 1)) |> ignore
                use client = clientFor sandbox
                let! ids = listAll client (query sandbox)
                Expect.equal ids (storeIds sandbox) "nothing lost"
                Expect.equal (listRequests sandbox).Length 11 "ceil(1001/100) requests"
            })

        testCaseTask "an empty page before totalCount: the pager re-reads instead of stopping short or looping" <| fun () ->
            withSandbox (sandboxOptions 1500) (fun sandbox -> task {
                // The second request finds the first 1000 tokens deleted: offset 1000 of 500 is an empty page.
                sandbox.Faults.Add(FaultRule(Fault.DeleteTokens(1000, 0), FaultTrigger.At 2)) |> ignore
                let survivors = sandbox.Store.Tokens |> Seq.skip 1000 |> Seq.map (fun t -> t.Id) |> Set.ofSeq
                use client = clientFor sandbox
                let diagnostics = ListingDiagnostics()
                let! pages = client.ListPagesAsync(query sandbox, diagnostics).ToArrayAsync()
                let ids = pages |> Array.collect (fun p -> [| for t in p.Tokens -> t.Id |])
                Expect.equal (pages |> Array.map (fun p -> p.Tokens.Count)) [| 1000; 0; 500 |] "first page, the empty one, then the re-read's new tokens"
                Expect.isTrue (Set.isSubset survivors (Set.ofArray ids)) "every token that survived is listed"
                Expect.equal ids.Length (Array.distinct ids).Length "none twice"
                Expect.equal (listRequests sandbox).Length 3 "one re-read page, no loop"
                Expect.equal diagnostics.Rereads 1 "one re-read"
                Expect.exists diagnostics.Events (fun e -> e.Contains "totalCount changed from 1500 to 500 at offset 1000") "the change is reported"
            })

        testCaseTask "MaxItems stops early and asks only for what it needs" <| fun () ->
            withSandbox (sandboxOptions 2500) (fun sandbox -> task {
                use client = clientFor sandbox
                let! ids = listAll client (AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, MaxItems = Nullable 1200))
                Expect.equal ids (storeIds sandbox |> List.take 1200) "the first 1200"
                Expect.equal [ for r in listRequests sandbox -> r.QueryValues "limit" |> Seq.exactlyOne ] [ "1000"; "200" ] "the second page asks for 200"
            })

        testCaseTask "sorts go to every page, in order, and the caller's query is not changed" <| fun () ->
            withSandbox (sandboxOptions 250) (fun sandbox -> task {
                use client = clientFor sandbox
                let sorts = [| TokenSort.Descending TokenSortField.CreatedAt; TokenSort.Ascending TokenSortField.Name |]
                let q = AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, Sorts = sorts, PageSize = Nullable 100)
                let before = q.ToString()
                let! ids = listAll client q
                let expected = sandbox.Store.Sorted([| "createdAt:desc"; "name:asc" |]) |> Seq.map (fun t -> t.Id) |> List.ofSeq
                Expect.equal ids expected "sorted"
                Expect.all (listRequests sandbox) (fun r -> List.ofSeq (r.QueryValues "sorts") = [ "createdAt:desc"; "name:asc" ]) "every page"
                Expect.equal (q.ToString()) before "query unchanged"
            })

        testCaseTask "a bad query fails before any request is sent" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                use client = clientFor sandbox
                let bad =
                    [ AgentTokenListQuery(" ", sandbox.DeploymentId)
                      AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, PageSize = Nullable 1001)
                      AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, PageSize = Nullable 0)
                      AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, Sorts = [| TokenSort.Ascending TokenSortField.Name; TokenSort.Descending TokenSortField.Name |]) ]
                for q in bad do
                    let e = Expect.throwsC (fun () -> client.ListAsync q |> ignore) id
                    Expect.isTrue (e :? ArgumentException) (sprintf "an ArgumentException for %O, got %O" q e)
                Expect.equal sandbox.Requests.Count 0 "nothing sent"
            })

        testCaseTask "get, create and delete through the client" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                use client = clientFor sandbox
                let! created = client.CreateAsync(sandbox.OrganizationId, sandbox.DeploymentId, "pool-x", "for tests", Nullable 30)
                Expect.isNotNull created.Token "the secret, once"
                Expect.equal created.ExpiryPeriodInDays (Nullable 30) "period"
                let! got = client.GetAsync(sandbox.OrganizationId, sandbox.DeploymentId, created.Id)
                Expect.isNull got.Token "get hides it"
                Expect.equal got.Name "pool-x" "name"
                do! client.DeleteAsync(sandbox.OrganizationId, sandbox.DeploymentId, created.Id)
                let! e = catchApi (fun () -> client.GetAsync(sandbox.OrganizationId, sandbox.DeploymentId, created.Id))
                Expect.equal e.StatusCode 404 "gone"
                Expect.isNotNull e.RequestId "requestId"
                Expect.equal e.Method "GET" "method"
                Expect.stringContains e.Path created.Id "path"
            })

        testCaseTask "every API version works end to end, scope read as type under /v1" <| fun () ->
            withSandbox (sandboxOptions 30) (fun sandbox -> task {
                for version in [ ApiVersion.V1; ApiVersion.IamV1Beta1; ApiVersion.PlatformV1Beta1 ] do
                    use client = new AgentTokensClient(sharedHttp, AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken, ApiVersion = version))
                    let! tokens = client.ListAsync(query sandbox).ToArrayAsync()
                    Expect.equal tokens.Length 30 (string version)
                    Expect.all tokens (fun t -> t.Scope.IsKnown) "scope read"
            })
    ]
