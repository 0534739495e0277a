/// Retries, rate limits, paging under mutation, transport safety, cancellation and redaction, over the sandbox.
module AgentTokens.Tests.ResilienceTests

open System
open System.Collections.Concurrent
open System.Linq
open System.Net.Http
open System.Threading
open System.Threading.Tasks
open Expecto
open FsCheck
open FsCheck.FSharp
open Microsoft.Extensions.Logging
open Microsoft.Extensions.Time.Testing
open AgentTokens
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

/// A sandbox and a client sharing one fake clock: waits happen only as the test advances it.
let private withFakeTime tokens (retry: RetryOptions) (f: Sandbox -> AgentTokensClient -> FakeTimeProvider -> Task<unit>) =
    let fake = FakeTimeProvider(DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))
    withSandbox (SandboxOptions(Tokens = tokens, Seed = 42, Now = Nullable fixedNow, TimeProvider = fake)) (fun sandbox -> task {
        use client =
            new AgentTokensClient(sharedHttp, AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken,
                                                                      Retry = retry, TimeProvider = fake, RequestTimeout = TimeSpan.FromHours 1.0))
        do! f sandbox client fake })

/// Runs `work`, advancing the fake clock in small steps until it finishes.
let private drive (fake: FakeTimeProvider) (work: unit -> Task<'T>) : Task<'T> =
    task {
        let running = work ()
        while not running.IsCompleted do
            fake.Advance(TimeSpan.FromMilliseconds 50.0)
            do! Task.Delay 1
        return! running
    }

let private exact = (RetryOptions() |> Fixtures.copyWith "UseJitter" (box (false)) |> Fixtures.copyWith "BaseDelay" (box (TimeSpan.FromSeconds 1.0)))
let private fast = (RetryOptions() |> Fixtures.copyWith "BaseDelay" (box (TimeSpan.FromMilliseconds 5.0)) |> Fixtures.copyWith "MaxDelay" (box (TimeSpan.FromMilliseconds 20.0)))

let private gaps (sandbox: Sandbox) =
    let times = sandbox.Requests.Entries |> Seq.map (fun e -> e.StartedAt) |> List.ofSeq
    List.pairwise times |> List.map (fun (a, b) -> (b - a).TotalSeconds)

let private page (client: AgentTokensClient) (sandbox: Sandbox) () = client.GetPageAsync(sandbox.OrganizationId, sandbox.DeploymentId, 0, Nullable 100)

let private retryTests =
    testList "retries" [
        testCaseTask "429 with Retry-After in seconds: retried after exactly that wait" <| fun () ->
            withFakeTime 5 exact (fun sandbox client fake -> task {
                sandbox.Faults.Next(Fault.RateLimited(TimeSpan.FromSeconds 7.0)) |> ignore
                let! result = drive fake (page client sandbox)
                Expect.equal result.Tokens.Count 5 "the page arrived"
                Expect.equal [ for e in sandbox.Requests.Entries -> e.Status ] [ 429; 200 ] "two attempts"
                let gap = (gaps sandbox).Head
                Expect.isTrue (gap >= 7.0 && gap < 8.5) (sprintf "waited the 7 s asked (%.2f)" gap)
            })

        testCaseTask "429 with Retry-After as an HTTP date: waits until that date" <| fun () ->
            withFakeTime 5 exact (fun sandbox client fake -> task {
                sandbox.Faults.Next(Fault.RateLimited(TimeSpan.FromSeconds 12.0, RetryAfterStyle.HttpDate)) |> ignore
                let! _ = drive fake (page client sandbox)
                let gap = (gaps sandbox).Head
                Expect.isTrue (gap >= 11.0 && gap < 13.5) (sprintf "waited until the date, about 12 s (%.2f)" gap)
            })

        testCaseTask "Retry-After is capped by MaxRetryAfter" <| fun () ->
            withFakeTime 5 (exact |> Fixtures.copyWith "MaxRetryAfter" (box (TimeSpan.FromSeconds 3.0))) (fun sandbox client fake -> task {
                sandbox.Faults.Next(Fault.RateLimited(TimeSpan.FromHours 1.0)) |> ignore
                let! _ = drive fake (page client sandbox)
                let gap = (gaps sandbox).Head
                Expect.isTrue (gap >= 3.0 && gap < 4.5) (sprintf "capped at 3 s (%.2f)" gap)
            })

        testCaseTask "429 without Retry-After, 500, 502, 503 and 504 back off exponentially, then succeed" <| fun () ->
            withFakeTime 5 exact (fun sandbox client fake -> task {
                for i, fault in List.indexed [ Fault.RateLimited(TimeSpan.Zero, RetryAfterStyle.None); Fault.ServerError 500; Fault.ServerError 502; Fault.ServerError 503 ] do
                    sandbox.Faults.Add(FaultRule(fault, FaultTrigger.At(i + 1))) |> ignore
                let! result = drive fake (page client sandbox)
                Expect.equal result.Tokens.Count 5 "the page arrived"
                Expect.equal [ for e in sandbox.Requests.Entries -> e.Status ] [ 429; 500; 502; 503; 200 ] "five attempts"
                let waits = gaps sandbox
                for i, expected in List.indexed [ 1.0; 2.0; 4.0; 8.0 ] do
                    Expect.isTrue (waits.[i] >= expected && waits.[i] < expected + 1.5) (sprintf "wait %d is about %.0f s (%.2f)" (i + 1) expected waits.[i])
            })

        testCaseTask "504 and a plain-text 429 are retried too" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                use client = new AgentTokensClient(sharedHttp, (clientOptions sandbox |> Fixtures.copyWith "Retry" (box (fast))))
                sandbox.Faults.Add(FaultRule(Fault.ServerError 504, FaultTrigger.At 1)).Add(FaultRule(Fault.RateLimitedPlainText TimeSpan.Zero, FaultTrigger.At 2)) |> ignore
                let! result = page client sandbox ()
                Expect.equal result.Tokens.Count 5 "arrived"
                Expect.equal [ for e in sandbox.Requests.Entries -> e.Status ] [ 504; 429; 200 ] "three attempts"
            })

        testCaseTask "Create (POST) is never retried" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                use client = new AgentTokensClient(sharedHttp, (clientOptions sandbox |> Fixtures.copyWith "Retry" (box (fast))))
                sandbox.Faults.Next(Fault.ServerError 503, 1, "POST") |> ignore
                let! e = catchApi (fun () -> client.CreateAsync(sandbox.OrganizationId, sandbox.DeploymentId, "once"))
                Expect.equal (e.StatusCode, e.Attempts) (503, 1) "one attempt"
                Expect.equal sandbox.Requests.Count 1 "one POST sent"
            })

        testCaseTask "the final failure says how many attempts were made and carries the last requestId" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                use client = new AgentTokensClient(sharedHttp, (clientOptions sandbox |> Fixtures.copyWith "Retry" (box (fast |> Fixtures.copyWith "MaxAttempts" (box 3)))))
                sandbox.Faults.Add(FaultRule(Fault.ServerError 503, FaultTrigger.EveryNth 1)) |> ignore
                let! e = catchApi (page client sandbox >> fun t -> t :> Task)
                Expect.equal e.Attempts 3 "three attempts"
                Expect.stringContains e.Message "after 3 attempts" "said in the message"
                Expect.equal e.RequestId (sprintf "sbx-%04x-%06d" 42 3) "the third request's ID"
                Expect.equal sandbox.Requests.Count 3 "three sent"
            })

        testCaseTask "the total time budget ends the retries" <| fun () ->
            withFakeTime 5 (exact |> Fixtures.copyWith "TotalBudget" (box (TimeSpan.FromSeconds 25.0)) |> Fixtures.copyWith "MaxAttempts" (box (100))) (fun sandbox client fake -> task {
                sandbox.Faults.Add(FaultRule(Fault.RateLimited(TimeSpan.FromSeconds 10.0), FaultTrigger.EveryNth 1)) |> ignore
                let! e = catchApi (fun () -> drive fake (page client sandbox))
                Expect.stringContains e.Message "time budget" "says why"
                Expect.equal sandbox.Requests.Count 3 "attempts at 0, 10 and 20 s; none at 30"
            })

        testCaseTask "a truncated GET is retried, and the page arrives whole" <| fun () ->
            withSandbox (sandboxOptions 300) (fun sandbox -> task {
                use client = new AgentTokensClient(sharedHttp, (clientOptions sandbox |> Fixtures.copyWith "Retry" (box (fast))))
                sandbox.Faults.Next(Fault.TruncatedBody()) |> ignore
                let! tokens = client.ListAsync(AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId)).ToArrayAsync()
                // The first half streamed out before the cut; the retry hands out only the rest.
                Expect.equal [ for t in tokens -> t.Id ] [ for t in sandbox.Store.Tokens -> t.Id ] "whole, in order, each once"
                Expect.equal sandbox.Requests.Count 2 "one retry"
            })

        for fault, name in [ Fault.MalformedJson(), "malformed JSON"; Fault.WrongFieldType(), "a field of the wrong type" ] do
            testCaseTask (sprintf "%s is not retried: a typed error naming offset and status" name) <| fun () ->
                withSandbox (sandboxOptions 30) (fun sandbox -> task {
                    use client = new AgentTokensClient(sharedHttp, (clientOptions sandbox |> Fixtures.copyWith "Retry" (box (fast))))
                    sandbox.Faults.Next fault |> ignore
                    let! e = catchApi (fun () -> client.ListAsync(AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId)).ToArrayAsync().AsTask())
                    Expect.equal (e.StatusCode, e.PageOffset, e.Attempts) (200, Nullable 0, 1) "status, offset, one attempt"
                    Expect.stringContains e.Message "offset 0" "offset named"
                    Expect.equal sandbox.Requests.Count 1 "not retried"
                })

        testCaseTask "an aborted connection and a timed-out attempt are retried" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                use client =
                    new AgentTokensClient(sharedHttp, (clientOptions sandbox |> Fixtures.copyWith "Retry" (box (fast)) |> Fixtures.copyWith "RequestTimeout" (box (TimeSpan.FromMilliseconds 400.0))))
                sandbox.Faults.Add(FaultRule(Fault.AbortConnection(), FaultTrigger.At 1)).Add(FaultRule(Fault.Latency(TimeSpan.FromSeconds 3.0), FaultTrigger.At 2)) |> ignore
                let! result = page client sandbox ()
                Expect.equal result.Tokens.Count 5 "arrived"
                Expect.equal sandbox.Requests.Count 3 "abort, timeout, success"
            })

        testCaseTask "a DELETE whose answer was lost, then 404 on retry, counts as deleted" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                use client = new AgentTokensClient(sharedHttp, (clientOptions sandbox |> Fixtures.copyWith "Retry" (box (fast))))
                let id = sandbox.Store.Tokens.[0].Id
                sandbox.Faults.Next(Fault.TruncatedBody(), 1, "DELETE") |> ignore
                do! client.DeleteAsync(sandbox.OrganizationId, sandbox.DeploymentId, id)
                Expect.equal [ for e in sandbox.Requests.Entries -> e.Method, e.Status ] [ "DELETE", 204; "DELETE", 404 ] "landed, answer lost, then 404"
                Expect.isNull (sandbox.Store.Find id) "gone"
                let! e = catchApi (fun () -> client.DeleteAsync(sandbox.OrganizationId, sandbox.DeploymentId, id))
                Expect.equal (e.StatusCode, e.Attempts) (404, 1) "a first-attempt 404 is still an error"
            })
    ]

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

/// An ILogger that keeps every line, at every level.
type CapturingLogger() =
    let lines = ConcurrentQueue<string>()
    member _.Lines = List.ofSeq lines
    interface ILogger with
        member _.BeginScope<'TState>(_state: 'TState) : IDisposable = null
        member _.IsEnabled(_level) = true
        member _.Log<'TState>(level: LogLevel, _id: EventId, state: 'TState, ex: exn, formatter: Func<'TState, exn, string>) =
            lines.Enqueue(sprintf "%O %s %s" level (formatter.Invoke(state, ex)) (if isNull ex then "" else string ex))

let private safetyTests =
    testList "transport, cancellation, rate limits, redaction" [
        test "a bearer token with whitespace or control characters is refused, and never shown" {
            for bad in [ "abc def"; "abc\r\nX-Injected: 1"; "tab\there" ] do
                let e = Expect.throwsC (fun () -> new AgentTokensClient(AgentTokensClientOptions(ApiToken = bad)) |> ignore) id
                Expect.isFalse (e.Message.Contains bad) "not shown"
        }

        test "plain HTTP is refused unless the host is loopback" {
            let build (uri: string) = new AgentTokensClient(AgentTokensClientOptions(ApiToken = "t", BaseAddress = Uri uri))
            Expect.throwsT<ArgumentException> (fun () -> build "http://api.example.com" |> ignore) "remote http"
            for ok in [ "https://api.example.com"; "http://127.0.0.1:5089"; "http://localhost:1234"; "http://[::1]:80" ] do
                (build ok).Dispose()
        }

        testCaseTask "Authorization is never sent to another host after a redirect" <| fun () ->
            withSandbox (sandboxOptions 3) (fun target -> withSandbox (sandboxOptions 3) (fun source -> task {
                source.Faults.Add(FaultRule(Fault.Redirect target.BaseAddress, FaultTrigger.EveryNth 1)) |> ignore
                use following = new HttpClient()
                use client = new AgentTokensClient(following, (clientOptions source |> Fixtures.copyWith "Retry" (box (RetryOptions.None))))
                let! e = catchApi (fun () -> client.GetPageAsync(source.OrganizationId, source.DeploymentId))
                Expect.equal e.StatusCode 401 "the other host saw no bearer token"
                Expect.equal [ for r in target.Requests.Entries -> r.Status ] [ 401 ] "the redirect was followed without Authorization"
                use own = new AgentTokensClient((clientOptions source |> Fixtures.copyWith "Retry" (box (RetryOptions.None))))
                let! e = catchApi (fun () -> own.GetPageAsync(source.OrganizationId, source.DeploymentId))
                Expect.equal e.StatusCode 307 "the client's own handler does not follow redirects at all"
                Expect.equal target.Requests.Count 1 "so nothing more reached the other host"
            }))

        testCaseTask "cancelling during an enumeration ends it promptly and leaves no request running" <| fun () ->
            withSandbox (sandboxOptions 30) (fun sandbox -> task {
                sandbox.Faults.Add(FaultRule(Fault.Latency(TimeSpan.FromSeconds 20.0), FaultTrigger.At 2)) |> ignore
                use client = clientFor sandbox
                use cts = new CancellationTokenSource()
                let watch = Diagnostics.Stopwatch.StartNew()
                let! e = catchAsync (fun () -> task {
                    let mutable count = 0
                    let enumerator = client.ListAsync(AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, PageSize = Nullable 10), cts.Token).GetAsyncEnumerator()
                    let mutable go = true
                    while go do
                        let! more = enumerator.MoveNextAsync()
                        go <- more
                        count <- count + 1
                        if count = 10 then cts.CancelAfter 200
                    do! enumerator.DisposeAsync() })
                Expect.isTrue (e :? OperationCanceledException) (sprintf "OperationCanceledException, got %O" e)
                Expect.isLessThan watch.Elapsed.TotalSeconds 5.0 "promptly, not after the 20 s latency"
                let mutable waited = 0
                while sandbox.Requests.Count < 2 && waited < 50 do
                    do! Task.Delay 100
                    waited <- waited + 1
                let entries = sandbox.Requests.Entries
                Expect.equal entries.[1].Status 0 "the slow second request was abandoned, not left running"
                Expect.all entries (fun r -> r.Status = 200 || r.Status = 0) "pages fetched ahead either finished or were abandoned"
                let count = entries.Count
                do! Task.Delay 500
                Expect.equal sandbox.Requests.Count count "nothing is sent after the cancellation"
            })

        testCaseTask "the rate limiter keeps GETs under 25 in any second, shared by clients with the same token" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                let shared = RateLimitRegistry()
                use a = new AgentTokensClient(sharedHttp, AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken, RateLimitRegistry = shared))
                use b = new AgentTokensClient(sharedHttp, AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken, RateLimitRegistry = shared))
                let calls = [ for i in 1 .. 60 -> (if i % 2 = 0 then a else b).GetPageAsync(sandbox.OrganizationId, sandbox.DeploymentId) :> Task ]
                do! Task.WhenAll calls
                let times = sandbox.Requests.Entries |> Seq.map (fun e -> e.StartedAt) |> Array.ofSeq
                let busiest = times |> Array.map (fun t -> times |> Array.filter (fun u -> u >= t && u < t.AddSeconds 1.0) |> Array.length) |> Array.max
                Expect.isLessThanOrEqual busiest 25 (sprintf "at most 25 in any second (busiest: %d)" busiest)
            })

        testCaseTask "canary: the bearer token and secret values appear in no log, exception, display, snapshot or report" <| fun () ->
            let bearer = "canary-bearer-93f1c2d4"
            withSandbox (SandboxOptions(Tokens = 20, Seed = 42, Now = Nullable fixedNow, ApiToken = bearer)) (fun sandbox -> task {
                let logger = CapturingLogger()
                let options = AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = bearer, Logger = logger, Retry = fast)
                use client = new AgentTokensClient(sharedHttp, options)
                let texts = ResizeArray<string>()
                let! created = client.CreateAsync(sandbox.OrganizationId, sandbox.DeploymentId, "canary")
                let secret = created.Token
                Expect.isTrue (secret.Length > 10) "a secret to look for"
                texts.Add(string created); texts.Add(string options); texts.Add(string client.Options)
                sandbox.Faults.Next(Fault.RateLimitedPlainText(TimeSpan.Zero)).Next(Fault.ServerError 503) |> ignore
                let! tokens = client.ListAsync(AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId)).ToArrayAsync()
                for t in tokens do texts.Add(string t)
                for fault in [ Fault.MalformedJson(); Fault.ServerError 500 ] do
                    use once = new AgentTokensClient(sharedHttp, (options |> Fixtures.copyWith "Retry" (box (RetryOptions.None))))
                    sandbox.Faults.Next fault |> ignore
                    let! e = catchAsync (fun () -> once.GetPageAsync(sandbox.OrganizationId, sandbox.DeploymentId))
                    texts.Add(string e)
                use wrong = new AgentTokensClient(sharedHttp, (options |> Fixtures.copyWith "ApiToken" (box (bearer + "-wrong"))))
                let! e = catchAsync (fun () -> wrong.GetAsync(sandbox.OrganizationId, sandbox.DeploymentId, created.Id))
                texts.Add(string e)
                let fsharp = tokens |> Array.map AgentTokens.FSharp.Tokens.ofCore |> List.ofArray
                let createdF = AgentTokens.FSharp.Convert.created created
                texts.Add(sprintf "%A" createdF); texts.Add(sprintf "%A" fsharp)
                texts.Add(AgentTokens.FSharp.Snapshot.toJson (AgentTokens.FSharp.Snapshot.capture fixedNow "v1" (FSharpGenerators.auditOf (createdF.Token :: fsharp))))
                texts.Add(AgentTokens.Charts.Report.render "canary" fixedNow (createdF.Token :: fsharp))
                texts.AddRange logger.Lines
                Expect.isTrue (logger.Lines |> List.exists (fun l -> l.Contains "Authorization: ***")) "the trace log shows the header, redacted"
                for text in texts do
                    Expect.isFalse (text.Contains bearer) (sprintf "bearer token leaked in: %s" (text.Substring(0, min 200 text.Length)))
                    Expect.isFalse (text.Contains secret) (sprintf "secret leaked in: %s" (text.Substring(0, min 200 text.Length)))
            })
    ]

let tests = testList "resilience" [ retryTests; pagingTests; safetyTests ]
