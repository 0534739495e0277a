/// The repository's notebooks in Jupyter with the .NET Interactive kernel (F# and C#), and its script in dotnet fsi,
/// as users run them: every cell must succeed, what they show must teach what the API does, every exercise's answer
/// must pass its check, and the tours must run read-only against an API that is not their own sandbox.
module AgentTokens.Tests.NotebookTests

open System
open System.IO
open System.Text.Json
open System.Text.RegularExpressions
open Expecto
open AgentTokens.Sandbox

let private notebooks = Path.Combine(ReadmeTests.repoRoot, "notebooks")

/// A generated secret of the sandbox (Create's answer): none may ever be shown.
let private noSecretValue (name: string) (shown: string) =
    Expect.isFalse (Regex.IsMatch(shown, "astro_[0-9a-f]{40}")) (sprintf "%s shows no secret token value" name)

/// Runs a notebook of the repository (its own kernel) and hands its executed copy to `check` once every cell is green.
let private runNotebook (name: string) (check: string -> string -> unit) =
    testCase (sprintf "%s runs in Jupyter with the .NET Interactive kernel, every cell green" name) <| fun () ->
        let output = Jupyter.executeGreen (Path.Combine(notebooks, name)) Jupyter.executed
        check output (Jupyter.shownText output)

/// Every exercise's hidden answer passes its check (or, against Astro, says it was skipped when it rests on the
/// sandbox's assumptions), and the check cell above it runs (unanswered) without failing.
let private exercisesPassWith (skipped: int list) (output: string) =
    let cells = Jupyter.codeCells output
    let answers = cells |> List.filter (fun c -> List.contains "answer" c.Tags)
    Expect.equal answers.Length 5 "five exercises, each with a hidden answer"
    for n in 1..5 do
        let verdict = if List.contains n skipped then "skipped against Astro" else "correct"
        let answer = answers |> List.tryFind (fun c -> Regex.IsMatch(c.Shown, sprintf @"Exercise %d \([^)]*\): %s\." n verdict))
        Expect.isSome answer (sprintf "exercise %d's answer: %s" n verdict)
        let unanswered = cells |> List.exists (fun c -> not (List.contains "answer" c.Tags) && c.Shown.Contains(sprintf "Exercise %d (" n))
        Expect.isTrue unanswered (sprintf "exercise %d's check also runs before the answer" n)
    for a in answers do
        Expect.isFalse (a.Shown.Contains "not yet") (sprintf "answer cell %d: no check says 'not yet'" a.Index)

let private exercisesPass (output: string) = exercisesPassWith [] output

/// What a tour run against its own sandbox must show: the wire first, the loss a paging loop makes, the errors with
/// their bodies and headers, Create's body, and the secret only as ***.
let private tourShows (name: string) (output: string) (shown: string) =
    let shown = Net.WebUtility.HtmlDecode shown
    for expected, why in
        [ "Authorization: Bearer ***", "the whole request, its bearer token as ***"
          "HTTP/1.1 200 OK", "the answer's status line and headers"
          "\"totalCount\": 47", "a page pretty-printed as JSON"
          "&sorts=createdAt:asc&sorts=name:asc", "repeated sorts on the wire"
          "No limit sent: 20 tokens in the answer, totalCount 47.", "the default page size of 20"
          "20 of 47 tokens read in 1 request, 27 never read", "the picture of one page"
          "37 of 47 tokens read in 2 requests, 10 never read", "the picture of the lossy loop"
          "47 of 47 tokens read in 5 requests, 0 never read", "the picture of the pager's walk"
          "HTTP/1.1 400 Bad Request", "a 400 with its headers"
          "\"fieldErrors\"", "a 400's fieldErrors"
          "HTTP/1.1 401 Unauthorized", "a 401"
          "HTTP/1.1 403 Forbidden", "a 403"
          "deployment.agentTokens.get", "the permission a 403 names"
          "HTTP/1.1 429 Too Many Requests", "a 429"
          "Retry-After: 1", "a 429's Retry-After"
          "\"requestId\"", "requestId in error bodies"
          "\"tokenExpiryPeriodInDays\":30", "Create's request body"
          "\"token\": \"***\"", "Create's answer with the secret redacted"
          "readable by its owner only", "the secret kept in an owner-only file"
          "get after delete: HTTP 404", "the lifecycle ends in a 404"
          "scope, shortToken", "scope under /v1"
          "kind, type, shortToken", "type under v1beta1" ] do
        Expect.stringContains shown expected (sprintf "%s shows %s" name why)
    Expect.isTrue (Regex.IsMatch(shown, @"-> 429 \(\d+ ms\)\s+GET [^\n]+ -> 200")) (sprintf "%s: the retried 429 shows as a 429 then a 200" name)
    exercisesPass output
    noSecretValue name shown

/// The environment that points a tour at `sandbox` as if it were Astro.
let private astroPointingAt (sandbox: Sandbox) (write: bool) =
    [ "ASTRO_API_TOKEN", sandbox.ApiToken
      "ASTRO_ORGANIZATION_ID", sandbox.OrganizationId
      "ASTRO_DEPLOYMENT_ID", sandbox.DeploymentId
      "ASTRO_BASE_URL", string sandbox.BaseAddress
      "ASTRO_TOUR_WRITE", (if write then "yes" else "") ]

/// A request as the journal shows it: method, path and query.
let private requestLine (e: RequestLogEntry) = if e.Query = "" then $"{e.Method} {e.Path}" else $"{e.Method} {e.Path}?{e.Query}"

/// Runs a tour against a sandbox of the test's own, given to it as Astro, and checks that every request that reached
/// that server was shown by the cell that made it, and that only `write` lets it create and delete.
let private tourAgainstAstro (name: string) (write: bool) =
    testCase (sprintf "%s runs against Astro (here a server of the test's own)%s, every request shown by its cell" name (if write then " with ASTRO_TOUR_WRITE=yes" else ", read-only")) <| fun () ->
        let canary = "canary-bearer-" + Guid.NewGuid().ToString("N")
        let sandbox = Sandbox.StartAsync(SandboxOptions(Tokens = 31, Seed = 11, ApiToken = canary)).GetAwaiter().GetResult()
        try
            let folder = Path.Combine(Jupyter.executed, "astro")
            let output = Jupyter.green (Jupyter.executeWith (astroPointingAt sandbox write) (Path.Combine(notebooks, name)) folder)
            let cells = Jupyter.codeCells output
            let shown = cells |> List.map (fun c -> c.Shown) |> String.concat "\n"
            Expect.stringContains shown (sprintf "Astro at %O" sandbox.BaseAddress) "it says it talks to Astro"
            Expect.stringContains shown "Skipped against Astro: a 403 needs an API token without the permission." "the injected 403 is skipped"
            Expect.isFalse (File.ReadAllText(output).Contains canary) "the bearer token shows nowhere in the executed notebook"
            exercisesPassWith [ 5 ] output
            let requests = List.ofSeq sandbox.Requests.Entries
            Expect.isGreaterThan requests.Length 10 "it talked to the server"
            for r in requests do
                let cell = cells |> List.tryFind (fun c -> c.Busy.IsSome && c.Idle.IsSome && c.Busy.Value <= r.StartedAt && r.StartedAt <= c.Idle.Value)
                match cell with
                | None -> failtestf "%s at %O: no cell was running" (requestLine r) r.StartedAt
                | Some c -> Expect.stringContains c.Shown (requestLine r) (sprintf "cell %d shows the request it made" c.Index)
            let writes = requests |> List.filter (fun r -> r.Method = "POST" || r.Method = "DELETE")
            if write then
                Expect.equal [ for r in writes -> r.Method, r.Status ] [ "POST", 200; "DELETE", 204 ] "one token created and deleted"
                Expect.stringContains shown "get after delete: HTTP 404" "the lifecycle ran"
            else
                Expect.isEmpty writes "read-only: nothing created or deleted"
                Expect.stringContains shown "Skipped against Astro: set ASTRO_TOUR_WRITE=yes" "the lifecycle says why it skipped"
        finally
            sandbox.DisposeAsync().AsTask().Wait()

/// What a token-health notebook must show: the summary, token tables, the findings, charts drawn offline.
let private healthShows (name: string) (output: string) (shown: string) =
    Expect.stringContains shown "<caption>Summary</caption>" (sprintf "%s: the summary as a table" name)
    Expect.stringContains shown "<td>Total</td><td>449</td>" (sprintf "%s: the summary of the embedded organization" name)
    Expect.stringContains shown "<caption>Agent tokens</caption>" (sprintf "%s: token tables from the formatter" name)
    Expect.stringContains shown "<caption>Policy findings</caption>" (sprintf "%s: the policy gate as a table" name)
    Expect.equal (Regex.Matches(shown, "Plotly.newPlot\\('chart-").Count) 6 (sprintf "%s: six charts" name)
    Expect.isFalse (File.ReadAllText(output).Contains "<script src=\\\"https://cdn.plot.ly") (sprintf "%s: no CDN" name)
    noSecretValue name shown

let tests =
    testSequenced <| testList "notebooks" [
        runNotebook "api-tour.ipynb" (tourShows "api-tour")
        runNotebook "api-tour-csharp.ipynb" (tourShows "api-tour-csharp")
        tourAgainstAstro "api-tour-csharp.ipynb" false
        tourAgainstAstro "api-tour.ipynb" true
        runNotebook "token-health.ipynb" (healthShows "token-health")
        runNotebook "token-health-csharp.ipynb" (fun output shown ->
            healthShows "token-health-csharp" output shown
            Expect.isTrue (File.Exists(Path.Combine(ReadmeTests.repoRoot, "artifacts", "notebooks", "token-health-csharp-notebook.html"))) "it writes the report")

        test "the committed notebooks are their only source: nbformat 4.5, an id on every cell, no outputs, a kernel each" {
            Expect.isFalse (File.Exists(Path.Combine(notebooks, "make_notebooks.py"))) "no generator beside them"
            let names = Directory.GetFiles(notebooks, "*.ipynb") |> Array.map Path.GetFileName |> Set.ofArray
            Expect.equal names (set [ "api-tour.ipynb"; "api-tour-csharp.ipynb"; "token-health.ipynb"; "token-health-csharp.ipynb" ]) "two tours and two health notebooks, F# and C#"
            for path in Directory.GetFiles(notebooks, "*.ipynb") do
                use doc = JsonDocument.Parse(File.ReadAllText path)
                let root = doc.RootElement
                Expect.equal (root.GetProperty("nbformat").GetInt32(), root.GetProperty("nbformat_minor").GetInt32()) (4, 5) (sprintf "%s: nbformat 4.5" path)
                let kernel = root.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString()
                Expect.equal kernel (if path.EndsWith "-csharp.ipynb" then ".net-csharp" else ".net-fsharp") (sprintf "%s: its language's kernel" path)
                let cells = [ for c in root.GetProperty("cells").EnumerateArray() -> c ]
                let ids = [ for c in cells -> match c.TryGetProperty "id" with | true, id -> id.GetString() | _ -> "" ]
                Expect.all ids (fun id -> id <> "") (sprintf "%s: every cell has an id" path)
                Expect.equal (List.distinct ids).Length ids.Length (sprintf "%s: ids are unique" path)
                for c in cells do
                    if c.GetProperty("cell_type").GetString() = "code" then
                        Expect.equal (c.GetProperty("outputs").GetArrayLength()) 0 (sprintf "%s: committed without outputs" path)
        }

        test "the tours cite the Astro documentation for what they state about Astro" {
            for name in [ "api-tour.ipynb"; "api-tour-csharp.ipynb" ] do
                let text = File.ReadAllText(Path.Combine(notebooks, name))
                for page, fact in
                    [ "remote-execution-configure-agents", "what an agent token is, and the one-time secret"
                      "docs/astro/api)", "bearer authentication with an API token"
                      "docs/api/overview", "the rate limits"
                      "agent-token/create-agent-token", "Create's body"
                      "list-agent-api-tokens", "List's parameters"
                      "versioning-and-support", "v1beta1's end of support"
                      "astro-deployment-list", "finding the deployment ID" ] do
                    Expect.stringContains text page (sprintf "%s cites %s" name fact)
                Expect.stringContains text "The sandbox is not Astro" (sprintf "%s labels the sandbox's assumptions" name)
                Expect.isFalse (text.Contains "GetAwaiter().GetResult()" && name.EndsWith "-csharp.ipynb") "the C# tour awaits"
        }

        test "token-health.fsx runs in dotnet fsi and writes the report" {
            let output = Path.Combine(Jupyter.executed, "token-health-fsx.html")
            if File.Exists output then File.Delete output
            let outcome = Processes.run "dotnet" [ "fsi"; "token-health.fsx"; output ] notebooks [] (TimeSpan.FromMinutes 5.0)
            Expect.equal outcome.ExitCode 0 (sprintf "exit code\n%s\n%s" outcome.Stdout outcome.Stderr)
            Expect.stringContains outcome.Stdout "Expired:" "prints the summary"
            Expect.isTrue (File.Exists output) "writes the report"
        }

        test "a partial configuration is an error that names what is missing, never a silent sandbox" {
            let outcome =
                Processes.run "dotnet" [ "fsi"; "token-health.fsx"; Path.Combine(Path.GetTempPath(), "never-written.html") ] notebooks
                    [ "ASTRO_API_TOKEN", "a-token" ] (TimeSpan.FromMinutes 5.0)
            Expect.notEqual outcome.ExitCode 0 "fails"
            Expect.stringContains outcome.Stderr "ASTRO_API_TOKEN is set but ASTRO_ORGANIZATION_ID is not" "names the missing variable"
            Expect.isFalse (outcome.Stdout.Contains "sandbox") "does not fall back to the sandbox"
            Expect.isFalse ((outcome.Stdout + outcome.Stderr).Contains "a-token") "never echoes the bearer token"
        }
    ]
