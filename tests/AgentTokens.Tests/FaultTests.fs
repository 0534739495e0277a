/// Every fault mode of the sandbox, as a plain HTTP client and as this project's client see it.
module AgentTokens.Tests.FaultTests

open System
open System.Globalization
open System.Linq
open Expecto
open AgentTokens
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

let private listPath sandbox = collectionPath sandbox "v1" + "?limit=10"

let private retryAfter (answer: RawAnswer) =
    match answer.Headers.TryGetValues "Retry-After" with
    | true, values -> Some (Seq.exactlyOne values)
    | _ -> None

let private clientFailure (sandbox: Sandbox) =
    task {
        use client = noRetryClientFor sandbox
        return! catchApi (fun () -> client.GetPageAsync(sandbox.OrganizationId, sandbox.DeploymentId, 0, Nullable 10))
    }

let tests =
    testList "faults" [
        testCaseTask "429 with Retry-After in seconds and an Error body" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                sandbox.Faults.Next(Fault.RateLimited(TimeSpan.FromSeconds 2.0)) |> ignore
                let! answer = get sandbox (listPath sandbox)
                Expect.equal (answer.Status, retryAfter answer) (429, Some "2") "seconds"
                let! after = get sandbox (listPath sandbox)
                Expect.equal after.Status 200 "only the next request"
            })

        testCaseTask "429 with Retry-After as an HTTP date" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                sandbox.Faults.Next(Fault.RateLimited(TimeSpan.FromSeconds 30.0, RetryAfterStyle.HttpDate)) |> ignore
                let! answer = get sandbox (listPath sandbox)
                let date = DateTimeOffset.ParseExact((retryAfter answer).Value, "R", CultureInfo.InvariantCulture)
                Expect.isTrue (date > DateTimeOffset.UtcNow.AddSeconds 20.0 && date < DateTimeOffset.UtcNow.AddSeconds 40.0) "about 30 s ahead"
            })

        testCaseTask "429 without Retry-After, seen by the client with its requestId" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                sandbox.Faults.Next(Fault.RateLimited(TimeSpan.Zero, RetryAfterStyle.None), 2) |> ignore
                let! answer = get sandbox (listPath sandbox)
                Expect.equal (answer.Status, retryAfter answer) (429, None) "no header"
                let! e = clientFailure sandbox
                Expect.equal e.StatusCode 429 "status"
                Expect.stringStarts e.RequestId "sbx-" "requestId from the body"
            })

        testCaseTask "429 with a plain-text body: the client keeps an excerpt" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                sandbox.Faults.Next(Fault.RateLimitedPlainText(TimeSpan.FromSeconds 1.0)) |> ignore
                let! e = clientFailure sandbox
                Expect.equal e.StatusCode 429 "status"
                Expect.equal e.BodyExcerpt "Rate limit exceeded. Slow down." "excerpt"
                Expect.isNotNull e.RequestId "requestId from the header"
                Expect.stringContains e.Message "Rate limit exceeded" "in the message"
            })

        for status in [ 500; 502; 503 ] do
            testCaseTask (sprintf "%d with an Error body" status) <| fun () ->
                withSandbox (sandboxOptions 5) (fun sandbox -> task {
                    sandbox.Faults.Next(Fault.ServerError status) |> ignore
                    let! e = clientFailure sandbox
                    Expect.equal e.StatusCode status "status"
                    Expect.isNotNull e.ApiMessage "the server's message"
                    Expect.equal e.PageOffset (Nullable 0) "the page offset"
                })

        testCaseTask "added latency: a client with a shorter timeout gives up" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                sandbox.Faults.Next(Fault.Latency(TimeSpan.FromSeconds 3.0)) |> ignore
                use client = new AgentTokensClient(sharedHttp, AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken, RequestTimeout = TimeSpan.FromMilliseconds 300.0, Retry = RetryOptions.None))
                let! e = catchApi (fun () -> client.GetPageAsync(sandbox.OrganizationId, sandbox.DeploymentId))
                Expect.isTrue e.IsNetworkError "no answer"
                Expect.stringContains e.Message "timed out" "says so"
            })

        for fault, name in [ Fault.TruncatedBody(), "a truncated body"; Fault.MalformedJson(), "malformed JSON"; Fault.WrongFieldType(), "a field of the wrong type" ] do
            testCaseTask (sprintf "%s is a typed error naming the page offset" name) <| fun () ->
                withSandbox (sandboxOptions 30) (fun sandbox -> task {
                    sandbox.Faults.Next fault |> ignore
                    use client = noRetryClientFor sandbox
                    let! e = catchApi (fun () -> client.GetPageAsync(sandbox.OrganizationId, sandbox.DeploymentId, 10, Nullable 10))
                    Expect.equal e.PageOffset (Nullable 10) "offset"
                    Expect.stringContains e.Message "offset 10" "named in the message"
                })

        testCaseTask "an aborted connection is a network error" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                sandbox.Faults.Next(Fault.AbortConnection()) |> ignore
                let! e = clientFailure sandbox
                Expect.isTrue e.IsNetworkError "no answer"
                Expect.equal sandbox.Requests.Entries.[0].Status 0 "logged as aborted"
            })

        testCaseTask "insert and delete mutations change the deployment between requests" <| fun () ->
            withSandbox (sandboxOptions 20) (fun sandbox -> task {
                let before = sandbox.Store.Tokens |> Seq.map (fun t -> t.Id) |> List.ofSeq
                sandbox.Faults.Next(Fault.InsertTokens(3, 5)) |> ignore
                let! first = get sandbox (collectionPath sandbox "v1" + "?limit=100")
                let afterInsert = pageIds first.Body
                Expect.equal afterInsert.Length 23 "three more"
                Expect.equal (afterInsert |> List.take 5) (before |> List.take 5) "before the position: unchanged"
                Expect.equal (afterInsert |> List.skip 8) (before |> List.skip 5) "after: shifted by three"
                sandbox.Faults.Next(Fault.DeleteTokens(4, 0)) |> ignore
                let! second = get sandbox (collectionPath sandbox "v1" + "?limit=100")
                Expect.equal (pageIds second.Body) (afterInsert |> List.skip 4) "the first four gone"
            })

        testCaseTask "triggers: next K, every Nth, and a seeded probability; a method filter" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                let statuses n = task {
                    let results = ResizeArray()
                    for _ in 1..n do
                        let! a = get sandbox (listPath sandbox)
                        results.Add a.Status
                    return List.ofSeq results }
                sandbox.Faults.Add(FaultRule(Fault.ServerError 503, FaultTrigger.EveryNth 3)) |> ignore
                let! every = statuses 7
                Expect.equal every [ 200; 200; 503; 200; 200; 503; 200 ] "every third"
                sandbox.Faults.Clear()
                sandbox.Faults.Add(FaultRule(Fault.ServerError 500, FaultTrigger.Probability(0.5, 11))) |> ignore
                let! first = statuses 40
                sandbox.Faults.Clear()
                sandbox.Faults.Add(FaultRule(Fault.ServerError 500, FaultTrigger.Probability(0.5, 11))) |> ignore
                let! second = statuses 40
                Expect.equal first second "the same seed gives the same pattern"
                let failures = first |> List.filter ((=) 500) |> List.length
                Expect.isTrue (failures > 8 && failures < 32) (sprintf "about half (%d of 40)" failures)
                sandbox.Faults.Clear()
                sandbox.Faults.Next(Fault.ServerError 500, 1, "DELETE") |> ignore
                let! unaffected = statuses 1
                Expect.equal unaffected [ 200 ] "a GET is not a DELETE"
            })

        testCaseTask "the request log records method, path, query, status and faults in order" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                sandbox.Faults.Next(Fault.ServerError 502) |> ignore
                let! _ = get sandbox (collectionPath sandbox "v1" + "?limit=2&sorts=name:asc")
                let! _ = get sandbox (collectionPath sandbox "v1" + "/missing")
                let entries = sandbox.Requests.Entries
                Expect.equal [ for e in entries -> e.Sequence, e.Method, e.Status ] [ 1L, "GET", 502; 2L, "GET", 404 ] "in order"
                Expect.equal (List.ofSeq entries.[0].Faults) [ "502" ] "fault named"
                Expect.equal (List.ofSeq (entries.[0].QueryValues "sorts")) [ "name:asc" ] "query kept"
                Expect.stringEnds entries.[1].Path "/missing" "path kept"
            })
    ]
