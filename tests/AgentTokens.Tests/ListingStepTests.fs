/// The pager's completeness rules as a pure step, tested as values with no HTTP: an in-memory model of the API serves
/// the pages, with inserts and deletes between them, and lying totals.
module AgentTokens.Tests.ListingStepTests

open System
open Expecto
open FsCheck
open AgentTokens

/// A listing from offset 0 with `pageSize`, `maxItems`, boundary verification or not, three re-reads and `maxPages`.
let private settingsWith pageSize maxItems verify maxPages = ListingSettings(0, pageSize, maxItems, verify, 3, maxPages, Int32.MaxValue, AgentTokens.BoundViolation.MaxTokens)

let private settings pageSize = settingsWith pageSize Int32.MaxValue false 10_000

/// The outcome of driving the step to its end: the IDs yielded, the requests made, and how it ended.
type private Run = { Yielded: string list; Requests: int; Ended: NextStep }

/// Drives a listing against `serve`, which answers each request (the n-th, from 1) with a page.
let private drive (settings: ListingSettings) (serve: int -> PageRequest -> PageFacts) =
    let rec loop (state: ListingState) (request: PageRequest) (yielded: string list) n =
        let page = serve n request
        let step = state.Next(request, page)
        let yielded = yielded @ [ for i in step.Fresh -> page.Ids.[i] ]
        match step.Next with
        | :? NextStep.Fetch as fetch when n < 100_000 -> loop step.State fetch.Request yielded (n + 1)
        | ended -> { Yielded = yielded; Requests = step.State.Requests; Ended = ended }
    match ListingState.Start settings with
    | struct (_, null) -> { Yielded = []; Requests = 0; Ended = NextStep.Done() }
    | struct (state, first) -> loop state first [] 1

/// A server holding `ids`, answering honestly from the list as it stands at each request.
let private honest (ids: unit -> string list) (request: PageRequest) =
    let all = ids ()
    PageFacts([ for id in all |> List.skip (min request.Offset all.Length) |> List.truncate request.Limit -> id ], all.Length)

let private names n = [ for i in 1 .. n -> sprintf "t%04d" i ]

/// The paging model: with `mutations` (before request k: insert or delete `count` at `position`), no ID twice, and
/// every ID that existed throughout is yielded whenever the listing ends complete. Without boundary verification
/// a gap gets one change at most: a delete and an insert together leave totalCount as it was, which is the
/// documented limit of that mode (only verification catches it).
let private modelHolds verify (NonNegativeInt n) (PositiveInt pageSize) (mutations: (PositiveInt * bool * PositiveInt * NonNegativeInt) list) =
    let n, pageSize = n % 200, 1 + pageSize % 60
    let mutations = if verify then mutations else mutations |> List.distinctBy (fun (PositiveInt at, _, _, _) -> at % 8)
    let mutable ids = names n
    let mutable fresh = 0
    let original = Set.ofList ids
    let serve k request =
        for PositiveInt at, insert, PositiveInt count, NonNegativeInt position in mutations do
            if at % 8 + 1 = k then
                let count, position = count % 5 + 1, position % (ids.Length + 1)
                if insert then
                    ids <- List.take position ids @ [ for _ in 1 .. count -> fresh <- fresh + 1; sprintf "new%04d" fresh ] @ List.skip position ids
                else
                    ids <- List.take position ids @ List.skip (min ids.Length (position + count)) ids
        honest (fun () -> ids) request
    let run = drive (settingsWith pageSize Int32.MaxValue verify 10_000) serve
    let survivors = Set.intersect original (Set.ofList ids)
    let complete = run.Ended :? NextStep.Done
    (List.distinct run.Yielded).Length = run.Yielded.Length
    && (not complete || Set.isSubset survivors (Set.ofList run.Yielded))
    && not (run.Ended :? NextStep.Broken)

let tests =
    testList "listing step (pure)" [
        test "a listing ends at totalCount with no extra request, asking for what it still wants" {
            let run = drive (settings 100) (fun _ -> honest (fun () -> names 250))
            Expect.equal run.Yielded (names 250) "every ID once, in order"
            Expect.equal run.Requests 3 "ceil(250/100)"
            Expect.isTrue (run.Ended :? NextStep.Done) "done"
            let capped = drive (settingsWith 1000 120 false 10_000) (fun _ -> honest (fun () -> names 250))
            Expect.equal (capped.Yielded, capped.Requests) (names 120, 1) "MaxItems: one page of 120"
            let none = drive (settingsWith 1000 0 false 10_000) (fun _ -> honest (fun () -> names 5))
            Expect.equal none.Requests 0 "nothing wanted, nothing asked"
        }

        test "the first request asks for the page size, and the next starts after what the server gave" {
            let struct (state, first) = ListingState.Start(settings 50)
            Expect.equal first (PageRequest(0, 50)) "offset 0, limit 50"
            let step = state.Next(first, PageFacts(names 30, 100))
            match step.Next with
            | :? NextStep.Fetch as f -> Expect.equal f.Request (PageRequest(30, 50)) "a server that serves 30: the next page at 30"
            | other -> failtestf "expected a fetch, got %A" other
        }

        test "a changed totalCount is a shift: the listing is read again from the start, skipping what was yielded" {
            let struct (state, first) = ListingState.Start(settings 10)
            let step = state.Next(first, PageFacts(names 10, 30))
            let after = step.State.Next((step.Next :?> NextStep.Fetch).Request, PageFacts(names 20 |> List.skip 10, 31))
            Expect.exists after.Events (fun e -> e.Contains "totalCount changed from 30 to 31") "reported"
            match after.Next with
            | :? NextStep.Fetch as f ->
                Expect.equal f.Request (PageRequest(0, 10)) "from the start"
                Expect.equal after.State.Pass 1 "the first re-read"
            | other -> failtestf "expected a re-read, got %A" other
        }

        test "a listing that keeps changing is incomplete after MaxRereads re-reads" {
            let mutable n = 30
            let run = drive (settings 10) (fun _ request -> n <- n + 1; honest (fun () -> names n) request)
            Expect.isTrue (run.Ended :? NextStep.Incomplete) "incomplete"
            Expect.equal (List.distinct run.Yielded).Length run.Yielded.Length "still no ID twice"
        }

        test "a page holding more than its limit, or reaching past its own totalCount, is broken" {
            let struct (state, first) = ListingState.Start(settings 10)
            match (state.Next(first, PageFacts(names 11, 50))).Next with
            | :? NextStep.Broken as b -> Expect.equal b.Bound AgentTokens.BoundViolation.PageOverLimit "over the limit"
            | other -> failtestf "expected broken, got %A" other
            match (state.Next(first, PageFacts(names 8, 5))).Next with
            | :? NextStep.Broken as b -> Expect.equal b.Bound AgentTokens.BoundViolation.TotalCountBelowPage "past its total"
            | other -> failtestf "expected broken, got %A" other
        }

        test "a claimed total beyond MaxPages is refused at the first page" {
            let run = drive (settings 1000) (fun _ request -> PageFacts(names 5, Int32.MaxValue))
            Expect.equal run.Requests 1 "one request"
            match run.Ended with
            | :? NextStep.Broken as b ->
                Expect.equal b.Bound AgentTokens.BoundViolation.MaxPages "the bound"
                Expect.stringContains b.Reason "2147483647" "names the claimed total"
            | other -> failtestf "expected MaxPages, got %A" other
        }

        testProperty "for any page size, total and cap, a listing never makes more requests than the cap" <|
            fun (PositiveInt pageSize) (NonNegativeInt total) (PositiveInt cap) (NonNegativeInt served) (lying: bool) ->
                let pageSize, cap, served = 1 + pageSize % 1000, 1 + cap % 50, served % 1001
                let serve _ (request: PageRequest) =
                    let real = names (min total 5000)
                    let ids = real |> List.skip (min request.Offset real.Length) |> List.truncate (min request.Limit served)
                    PageFacts(ids, if lying then max total (request.Offset + ids.Length) else real.Length)
                let run = drive (settingsWith pageSize Int32.MaxValue false cap) serve
                run.Requests <= cap

        testProperty "the paging model holds under inserts and deletes between pages" <| modelHolds false
        testProperty "with boundary verification the model holds too" <| modelHolds true
    ]
