/// Retries over the sandbox on a fake clock: what is retried, how long it waits, when it gives up.
module AgentTokens.Tests.RetryTests

open System
open System.Linq
open System.Threading
open System.Threading.Tasks
open Expecto
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

let tests = retryTests
