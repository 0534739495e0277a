/// The pager while the deployment changes under it: re-reads, boundaries, strict and lenient listings, and the model property.
module AgentTokens.Tests.PagingMutationTests

open System
open System.Linq
open System.Threading
open System.Threading.Tasks
open Expecto
open FsCheck
open FsCheck.FSharp
open AgentTokens
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

let private listIds (client: AgentTokensClient) (q: AgentTokenListQuery) (diagnostics: ListingDiagnostics) =
    task {
        let! tokens = client.ListAsync(q, diagnostics).ToArrayAsync()
        return tokens |> Array.map (fun t -> t.Id) |> List.ofArray
    }

/// The paging model: no token twice, and every token that existed throughout is yielded. With `verify`, each
/// scheduled gap may get a delete and an insert together (totalCount unchanged) and boundary verification is on.
let private modelHolds (verify: bool) (seed: int) =
    let random = Random(seed)
    let n = random.Next(0, 160)
    let pageSize = random.Next(1, 45)
    let sorts = Sorting.Values |> Seq.sortBy (fun _ -> random.Next()) |> Seq.distinctBy (fun s -> s.Split(':').[0]) |> Seq.truncate (random.Next(0, 3)) |> Array.ofSeq
    let mutation () =
        if random.Next 2 = 0 then Fault.InsertTokens(random.Next(1, 6), random.Next(0, n + 1)) else Fault.DeleteTokens(random.Next(1, 6), random.Next(0, n + 1))
    let mutations =
        [ for at in List.distinct [ for _ in 1 .. random.Next(0, 4) -> random.Next(1, 8) ] do
            if verify && random.Next 2 = 0 then
                let count = random.Next(1, 4)
                yield FaultRule(Fault.DeleteTokens(count, random.Next(0, n + 1)), FaultTrigger.At at)
                yield FaultRule(Fault.InsertTokens(count, random.Next(0, n + 1)), FaultTrigger.At at)
            else
                yield FaultRule(mutation (), FaultTrigger.At at) ]
    (withSandbox (SandboxOptions(Tokens = n, Seed = seed, Now = Nullable fixedNow)) (fun sandbox -> task {
        let original = sandbox.Store.Tokens |> Seq.map (fun t -> t.Id) |> Set.ofSeq
        for m in mutations do sandbox.Faults.Add m |> ignore
        use client = new AgentTokensClient(sharedHttp, (clientOptions sandbox |> Fixtures.copyWith "VerifyPageBoundaries" (box verify)))
        let sortValues = [| for s in sorts -> TokenSort.Parse s |]
        let! ids = listIds client (AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, PageSize = Nullable pageSize, Sorts = sortValues)) (ListingDiagnostics())
        let survivors = Set.intersect original (sandbox.Store.Tokens |> Seq.map (fun t -> t.Id) |> Set.ofSeq)
        let context = sprintf "(n=%d, page=%d, sorts=%A, mutations=%A)" n pageSize sorts [ for m in mutations -> m.Fault.Name, m.Trigger ]
        Expect.equal ids.Length (List.distinct ids).Length ("no duplicates " + context)
        Expect.isTrue (Set.isSubset survivors (Set.ofList ids)) ("every token that existed throughout " + context)
    })).GetAwaiter().GetResult()

let private pagingTests =
    testList "paging under mutation" [
        testCaseTask "tokens inserted before the offset: nothing repeated, nothing lost" <| fun () ->
            withSandbox (sandboxOptions 250) (fun sandbox -> task {
                let original = sandbox.Store.Tokens |> Seq.map (fun t -> t.Id) |> Set.ofSeq
                sandbox.Faults.Add(FaultRule(Fault.InsertTokens(7, 0), FaultTrigger.At 2)) |> ignore
                use client = clientFor sandbox
                let diagnostics = ListingDiagnostics()
                let! ids = listIds client (AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, PageSize = Nullable 100)) diagnostics
                Expect.equal ids.Length (List.distinct ids).Length "no token twice"
                Expect.isTrue (Set.isSubset original (Set.ofList ids)) "every original token"
                Expect.equal diagnostics.Rereads 1 "one re-read"
                Expect.isTrue diagnostics.IsComplete "complete"
            })

        testCaseTask "tokens deleted before the offset: every survivor is still listed" <| fun () ->
            withSandbox (sandboxOptions 250) (fun sandbox -> task {
                sandbox.Faults.Add(FaultRule(Fault.DeleteTokens(30, 10), FaultTrigger.At 2)) |> ignore
                use client = clientFor sandbox
                let! ids = listIds client (AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, PageSize = Nullable 100)) (ListingDiagnostics())
                let survivors = sandbox.Store.Tokens |> Seq.map (fun t -> t.Id) |> Set.ofSeq
                Expect.isTrue (Set.isSubset survivors (Set.ofList ids)) "every survivor"
                Expect.equal ids.Length (List.distinct ids).Length "no token twice"
            })

        testCaseTask "a deployment that never stops changing: strict raises, lenient finishes with diagnostics" <| fun () ->
            withSandbox (sandboxOptions 120) (fun sandbox -> task {
                sandbox.Faults.Add(FaultRule(Fault.InsertTokens(1, 0), FaultTrigger.EveryNth 1)) |> ignore
                let q = AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, PageSize = Nullable 50)
                use strict = clientFor sandbox
                let! e = catchAsync (fun () -> strict.ListAsync(q).ToArrayAsync().AsTask())
                match e with
                | :? IncompleteListingException as i -> Expect.exists i.Events (fun t -> t.Contains "totalCount changed") "says what was seen"
                | other -> failtestf "expected IncompleteListingException, got %O" other
                use lenient = new AgentTokensClient(sharedHttp, (clientOptions sandbox |> Fixtures.copyWith "Completeness" (box (Completeness.Lenient))))
                let diagnostics = ListingDiagnostics()
                let! ids = listIds lenient q diagnostics
                Expect.isFalse diagnostics.IsComplete "not complete"
                Expect.isNonEmpty diagnostics.Events "the caller can read why"
                Expect.equal ids.Length (List.distinct ids).Length "still no token twice"
            })

        testCaseTask "a delete and an insert between two pages: only boundary verification notices the shift" <| fun () ->
            withSandbox (sandboxOptions 300) (fun sandbox -> task {
                let original = sandbox.Store.Tokens |> Seq.map (fun t -> t.Id) |> Array.ofSeq
                let list verify = task {
                    sandbox.Faults.Clear()
                    // Before the second page: the first token goes, a new one is appended; totalCount stays 300.
                    sandbox.Faults.Add(FaultRule(Fault.DeleteTokens(1, 0), FaultTrigger.At 2)).Add(FaultRule(Fault.InsertTokens(1, 1000), FaultTrigger.At 2)) |> ignore
                    use client = new AgentTokensClient(sharedHttp, (clientOptions sandbox |> Fixtures.copyWith "VerifyPageBoundaries" (box verify)))
                    let diagnostics = ListingDiagnostics()
                    let! ids = listIds client (AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, PageSize = Nullable 100)) diagnostics
                    return Set.ofList ids, diagnostics }
                let! unverified, _ = list false
                Expect.isFalse (unverified.Contains original.[100]) "without verification the token shifted across the boundary is missed (the documented limit)"
                let survivors = sandbox.Store.Tokens |> Seq.map (fun t -> t.Id) |> Set.ofSeq |> Set.intersect (Set.ofArray original)
                let! verified, diagnostics = list true
                Expect.isTrue (Set.isSubset survivors verified) "with verification every token that existed throughout is listed"
                Expect.exists diagnostics.Events (fun e -> e.Contains "page boundary") "the moved boundary is reported"
            })

        testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 25 } "random data, page sizes, sorts and interleaved inserts and deletes: the model holds" <|
            fun (NonNegativeInt seed) -> modelHolds false seed

        testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 20 } "with boundary verification the model holds even when a delete and an insert share a gap" <|
            fun (NonNegativeInt seed) -> modelHolds true seed
    ]

let tests = pagingTests
