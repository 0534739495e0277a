/// Transport safety, cancellation, rate limits and redaction, over the sandbox.
module AgentTokens.Tests.TransportTests

open System
open System.Collections.Concurrent
open System.Linq
open System.Net.Http
open System.Threading
open System.Threading.Tasks
open Expecto
open Microsoft.Extensions.Logging
open AgentTokens
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

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
        test "loopback is 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104 and localhost, nothing else" {
            for address in [ "http://127.0.0.1/"; "http://127.255.3.4:8080/"; "http://[::1]:5089/"; "http://[::ffff:127.0.0.1]/"; "http://localhost/"; "http://LOCALHOST./" ] do
                Expect.isTrue (ClientGuards.IsLoopback(Uri address)) address
            for address in [ "http://[::127.0.0.1]:8080/"; "http://128.0.0.1/"; "http://[::2]/"; "http://localhost.example.com/"; "http://10.0.0.1/"; "http://[::ffff:10.0.0.1]/" ] do
                Expect.isFalse (ClientGuards.IsLoopback(Uri address)) address
            let e = Expect.throwsC (fun () -> new AgentTokensClient(AgentTokensClientOptions(BaseAddress = Uri "http://[::127.0.0.1]:8080/", ApiToken = "t")) |> ignore) id
            Expect.stringContains e.Message "plain http only on a loopback address" "an IPv4-compatible address is not loopback"
        }

        test "the assembly answers are narrow: only the FSharp.Core and ASP.NET Core versions they exist for" {
            let fsharpCore (version: string) = Reflection.AssemblyName($"FSharp.Core, Version={version}")
            Expect.isTrue (AgentTokens.Interactive.FSharpCoreBinding.answers (fsharpCore "10.1.0.0") (System.Version(10, 0, 0, 0))) "Plotly.NET's 10.1 in a 10.0 kernel"
            Expect.isFalse (AgentTokens.Interactive.FSharpCoreBinding.answers (fsharpCore "11.0.0.0") (System.Version(10, 0, 0, 0))) "not a newer major version"
            Expect.isFalse (AgentTokens.Interactive.FSharpCoreBinding.answers (fsharpCore "10.2.0.0") (System.Version(10, 0, 0, 0))) "not a version it was not made for"
            Expect.isFalse (AgentTokens.Interactive.FSharpCoreBinding.answers (Reflection.AssemblyName "Other, Version=10.1.0.0") (System.Version(10, 0, 0, 0))) "not another assembly"
            Expect.isTrue (AspNetCoreResolver.Needed "Microsoft.AspNetCore") "ASP.NET Core itself"
            Expect.isTrue (AspNetCoreResolver.Needed "Microsoft.AspNetCore.Server.Kestrel") "Kestrel"
            Expect.isTrue (AspNetCoreResolver.Needed "System.Threading.RateLimiting") "rate limiting"
            Expect.isFalse (AspNetCoreResolver.Needed "Newtonsoft.Json") "nothing else"
            Expect.isTrue (AspNetCoreResolver.Satisfies(System.Version(10, 0, 0, 0), System.Version(10, 0, 0, 0))) "the same version"
            Expect.isFalse (AspNetCoreResolver.Satisfies(System.Version(10, 0, 0, 0), System.Version(11, 0, 0, 0))) "not a newer request"
            Expect.isFalse (AspNetCoreResolver.Satisfies(System.Version(10, 0, 0, 0), System.Version(9, 0, 0, 0))) "not another major version"
        }

        test "server text is escaped for a terminal: controls, bidirectional overrides, zero-width and separators" {
            let hostile = "a\u001b[2Jb\u202ec\u200bd\u2066e\u2069f\u061cg\u2028h\uFEFFi\u0085j"
            let shown = TerminalText.Escape hostile
            for c in [ '\u001b'; '\u202e'; '\u200b'; '\u2066'; '\u2069'; '\u061c'; '\u2028'; '\uFEFF'; '\u0085' ] do
                Expect.isFalse (shown.Contains c) (sprintf "U+%04X is escaped" (int c))
            Expect.equal (TerminalText.Escape "Zoë 🚀 日本") "Zoë 🚀 日本" "letters and emoji are kept"
            Expect.equal (TerminalText.EscapeAndCut(String('x', 500), 10)) ("xxxxxxxxxx… (490 more characters)") "cut to a length"
        }

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

let tests = safetyTests
