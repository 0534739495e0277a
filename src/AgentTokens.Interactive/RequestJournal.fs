namespace AgentTokens.Interactive

open System
open System.Collections.Concurrent
open System.Collections.Generic
open System.Diagnostics
open System.Net
open System.Net.Http
open System.Text
open System.Threading

/// One exchange a `RequestJournal` saw: the request as it went out (credentials shown as `***`) and the status and
/// headers of its answer. The answer's body is never kept: Create's answer carries the one-time secret.
[<Sealed>]
type JournalEntry internal (method: string, uri: Uri, request: string, status: int, response: string, elapsed: TimeSpan) =
    /// GET, POST or DELETE.
    member _.Method = method
    /// The path and query sent, e.g. `/v1/organizations/o/deployments/d/agent-tokens?limit=5`.
    member _.PathAndQuery = uri.PathAndQuery
    /// The HTTP status of the answer; 0 when none arrived.
    member _.Status = status
    /// How long the exchange took.
    member _.Elapsed = elapsed
    /// The request line, its headers (Authorization as `Bearer ***`) and its body, as the server received them.
    member _.Request = request
    /// The status line and headers of the answer, without its body.
    member _.Response = response
    /// `GET /path?query -> 200 (3 ms)`.
    override _.ToString() =
        let answered = if status = 0 then "no answer" else string status
        $"{method} {uri.PathAndQuery} -> {answered} ({int elapsed.TotalMilliseconds} ms)"

/// Requests a journal saw, oldest first; shown one line each.
[<Sealed>]
type JournalEntries internal (entries: JournalEntry list) =
    interface IReadOnlyList<JournalEntry> with
        member _.Count = entries.Length
        member _.Item with get index = entries[index]
        member _.GetEnumerator() : IEnumerator<JournalEntry> = (entries :> seq<_>).GetEnumerator()
        member _.GetEnumerator() : Collections.IEnumerator = (entries :> Collections.IEnumerable).GetEnumerator()
    /// How many requests.
    member _.Count = entries.Length
    /// The request at `index`, oldest first.
    member _.Item with get (index: int) = entries[index]
    /// One line per request; "no requests" when there were none.
    override _.ToString() =
        if entries.IsEmpty then "no requests" else entries |> List.map string |> String.concat Environment.NewLine

module private Wire =
    let private secretHeaders = set [ "authorization"; "proxy-authorization"; "cookie"; "set-cookie" ]

    let headerLines (headers: seq<KeyValuePair<string, IEnumerable<string>>>) =
        [ for h in headers ->
              let value =
                  if secretHeaders.Contains(h.Key.ToLowerInvariant()) then
                      match List.ofSeq h.Value with
                      | first :: _ when first.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) -> "Bearer ***"
                      | _ -> "***"
                  else String.Join(", ", h.Value)
              $"{h.Key}: {value}" ]

    let requestText (request: HttpRequestMessage) (body: string) =
        let content = if isNull request.Content then [] else headerLines request.Content.Headers
        [ $"{request.Method} {request.RequestUri.PathAndQuery} HTTP/{request.Version}"
          $"Host: {request.RequestUri.Authority}"
          yield! headerLines request.Headers
          yield! content
          if body <> "" then
              ""
              body ]
        |> String.concat "\n"

    let responseText (response: HttpResponseMessage) =
        [ $"HTTP/{response.Version} {int response.StatusCode} {response.ReasonPhrase}"
          yield! headerLines response.Headers
          yield! headerLines response.Content.Headers ]
        |> String.concat "\n"

/// Hands each request to `record` with a way to send it on.
type private RecordingHandler(inner: HttpMessageHandler, record: HttpRequestMessage -> (unit -> Threading.Tasks.Task<HttpResponseMessage>) -> Threading.Tasks.Task<HttpResponseMessage>) =
    inherit DelegatingHandler(inner)
    member private handler.SendOn(request, cancellationToken) = base.SendAsync(request, cancellationToken)
    override handler.SendAsync(request, cancellationToken) = record request (fun () -> handler.SendOn(request, cancellationToken))

/// Records every request that goes through its handler, so that a notebook cell can show the requests it made
/// (`TakeNew()`), whether they went to the sandbox or to Astro. Give `CreateHttpClient()` to raw code and to
/// `new AgentTokensClient(httpClient, options)`. Thread-safe.
[<Sealed>]
type RequestJournal() =
    let entries = ConcurrentQueue<JournalEntry>()

    let record (request: HttpRequestMessage) (send: unit -> Threading.Tasks.Task<HttpResponseMessage>) =
        task {
            let! body =
                if isNull request.Content then Threading.Tasks.Task.FromResult ""
                else task {
                    // Buffered first, so that reading it here leaves it whole for the server.
                    do! request.Content.LoadIntoBufferAsync()
                    return! request.Content.ReadAsStringAsync() }
            let sent = Wire.requestText request body
            let clock = Stopwatch.StartNew()
            try
                let! response = send ()
                entries.Enqueue(JournalEntry(string request.Method, request.RequestUri, sent, int response.StatusCode, Wire.responseText response, clock.Elapsed))
                return response
            with e ->
                entries.Enqueue(JournalEntry(string request.Method, request.RequestUri, sent, 0, $"no answer: {e.GetType().Name}", clock.Elapsed))
                return raise e
        }

    /// A handler that records each request, then passes it to `inner`.
    member _.Handler(inner: HttpMessageHandler) : DelegatingHandler = new RecordingHandler(inner, record)

    /// An HttpClient whose requests this journal records, over the handler the agent-tokens client makes for itself
    /// (`AgentTokensHttp.CreateHandler`: no redirects, compressed answers, loopback never through a proxy), with no
    /// timeout of its own (the agent-tokens client keeps its own per attempt).
    member journal.CreateHttpClient() =
        new HttpClient(journal.Handler(AgentTokens.AgentTokensHttp.CreateHandler()), Timeout = Timeout.InfiniteTimeSpan)

    /// The requests recorded since the last call (all of them on the first), oldest first.
    member _.TakeNew() =
        let taken = [ let mutable entry = Unchecked.defaultof<JournalEntry> in while entries.TryDequeue(&entry) do yield entry ]
        JournalEntries taken
