/// Starting sandboxes for tests, and plain HTTP helpers that share nothing with the client under test.
module AgentTokens.Tests.SandboxFixture

open System
open System.Net.Http
open System.Net.Http.Headers
open System.Text
open System.Text.Json
open System.Threading.Tasks
open AgentTokens
open AgentTokens.Sandbox

/// The fixed "now" of the tests' data.
let fixedNow = DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)

/// Options for a sandbox with `tokens` seeded tokens, a fixed seed and a fixed now.
let sandboxOptions tokens = SandboxOptions(Tokens = tokens, Seed = 42, Now = Nullable fixedNow)

/// One HttpClient for every test, as an application would hold it.
let sharedHttp = new HttpClient(Timeout = TimeSpan.FromSeconds 60.0)

/// Runs `f` against a fresh sandbox, stopped afterwards.
let withSandbox (options: SandboxOptions) (f: Sandbox -> Task<unit>) : Task<unit> =
    task {
        let! sandbox = Sandbox.StartAsync options
        try
            do! f sandbox
        finally
            sandbox.DisposeAsync().AsTask().Wait()
    }

/// The library's client pointed at a sandbox.
/// The library's client options for a sandbox, with a rate-limit budget of their own: tests never share one.
let clientOptions (sandbox: Sandbox) =
    AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken, RateLimitRegistry = RateLimitRegistry())

let clientFor (sandbox: Sandbox) = new AgentTokensClient(sharedHttp, clientOptions sandbox)

/// A client that makes one attempt per call, to see each failure as the API sent it.
let noRetryClientFor (sandbox: Sandbox) =
    new AgentTokensClient(sharedHttp, AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken, Retry = RetryOptions.None, RateLimitRegistry = RateLimitRegistry()))

/// The collection path of the sandbox's deployment under a base path such as "v1".
let collectionPath (sandbox: Sandbox) (basePath: string) =
    sprintf "%s/organizations/%s/deployments/%s/agent-tokens" basePath sandbox.OrganizationId sandbox.DeploymentId

/// A raw answer: status, headers and body text.
type RawAnswer = { Status: int; Body: string; Headers: Headers.HttpResponseHeaders; ContentType: string }

/// Sends a request with plain HttpClient (not this project's client).
let raw (sandbox: Sandbox) (httpMethod: HttpMethod) (relative: string) (bearer: string option) (body: string option) =
    task {
        use request = new HttpRequestMessage(httpMethod, Uri(sandbox.BaseAddress, relative))
        bearer |> Option.iter (fun b -> request.Headers.Authorization <- AuthenticationHeaderValue("Bearer", b))
        body |> Option.iter (fun b -> request.Content <- new StringContent(b, Encoding.UTF8, "application/json"))
        use! response = sharedHttp.SendAsync request
        let! text = response.Content.ReadAsStringAsync()
        let contentType =
            match response.Content.Headers.ContentType with
            | null -> ""
            | ct -> ct.MediaType
        return { Status = int response.StatusCode; Body = text; Headers = response.Headers; ContentType = contentType }
    }

/// GET with the sandbox's bearer token.
let get sandbox relative = raw sandbox HttpMethod.Get relative (Some (sandbox: Sandbox).ApiToken) None

let json (text: string) = JsonDocument.Parse(text).RootElement

/// The IDs of a page body, in order.
let pageIds (body: string) =
    [ for t in (json body).GetProperty("tokens").EnumerateArray() -> t.GetProperty("id").GetString() ]

/// Lists every token of the sandbox's deployment over raw HTTP (limit 1000 per page).
let rawListAll (sandbox: Sandbox) (basePath: string) (sorts: string list) =
    task {
        let sortQuery = sorts |> List.map (fun s -> "&sorts=" + s) |> String.concat ""
        let mutable offset = 0
        let mutable total = Int32.MaxValue
        let all = ResizeArray<JsonElement>()
        while offset < total do
            let! answer = get sandbox (sprintf "%s?offset=%d&limit=1000%s" (collectionPath sandbox basePath) offset sortQuery)
            let page = json answer.Body
            total <- page.GetProperty("totalCount").GetInt32()
            let tokens = [ for t in page.GetProperty("tokens").EnumerateArray() -> t.Clone() ]
            all.AddRange tokens
            offset <- if tokens.IsEmpty then Int32.MaxValue else offset + tokens.Length
        return List.ofSeq all
    }

/// Runs `f` and returns the exception it fails with; fails the test when it succeeds.
let catchAsync (f: unit -> Task) : Task<exn> =
    task {
        try
            do! f ()
            return failwith "expected an exception, but the call succeeded"
        with
        | :? AggregateException as e -> return e.InnerException
        | e when e.Message <> "expected an exception, but the call succeeded" -> return e
    }

/// The exception a task fails with; fails the test when it succeeds.
let catchAsyncTask (work: Task<'T>) : Task<exn> = catchAsync (fun () -> work :> Task)

/// Like `catchAsync`, for the client's own exception.
let catchApi (f: unit -> Task) : Task<AstroApiException> =
    task {
        match! catchAsync f with
        | :? AstroApiException as e -> return e
        | other -> return failwithf "expected AstroApiException, got %O" other
    }

/// Retries with short waits, for tests that only need a retry to happen.
let fast = (RetryOptions() |> Fixtures.copyWith "BaseDelay" (box (TimeSpan.FromMilliseconds 5.0)) |> Fixtures.copyWith "MaxDelay" (box (TimeSpan.FromMilliseconds 20.0)))
