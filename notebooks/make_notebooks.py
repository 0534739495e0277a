"""Writes the .ipynb notebooks from the cell lists below (run: python3 make_notebooks.py).
Keeping the source here makes the notebooks' text reviewable; the .ipynb files are committed too."""
import json

def md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text.strip("\n").splitlines(keepends=True)}

def fs(text):
    return {"cell_type": "code", "execution_count": None,
            "metadata": {"dotnet_interactive": {"language": "fsharp"}, "polyglot_notebook": {"kernelName": "fsharp"}},
            "outputs": [], "source": ("#!fsharp\n" + text.strip("\n")).splitlines(keepends=True)}

def notebook(cells):
    return {"cells": cells, "metadata": {
        "kernelspec": {"display_name": ".NET (F#)", "language": "F#", "name": ".net-fsharp"},
        "language_info": {"name": "F#"},
        "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "fsharp", "items": [{"aliases": [], "name": "fsharp"}]}}},
        "nbformat": 4, "nbformat_minor": 5}

LOAD_TEXT = """
**Loading the library.** In this repository, run `./build.sh build` first and open the notebook from the
`notebooks/` folder: the cell below loads what that build produced (never a stale copy).
Outside the repository, reference the packages instead (`./build.sh pack` writes them to `artifacts/packages`),
with these two lines in place of the `#load` (shown as a list, since a notebook reads any line that starts
with `#` as a directive):

- `#i "nuget: /path/to/artifacts/packages"`
- `#r "nuget: AgentTokens.Interactive, *-*"` (and `AgentTokens.Sandbox` for the sandbox)
"""

LOAD_CODE = fs("""
#load "../artifacts/notebook-refs/refs.fsx"
#load "source.fsx"
open System
open AgentTokens
open AgentTokens.FSharp
open AgentTokens.Charts
open AgentTokens.Sandbox
open AgentTokens.Interactive
Formatters.register ()
""")

tour = notebook([
    md("""
# A tour of the Agent API tokens API

**Agent API tokens** are the credentials that Airflow 3 *Remote Execution* agents use: the workers that run
tasks outside Astro (in your own cluster) present one to reach their deployment. Platform engineers create
them per agent pool, rotate them, and audit them: which are old, which expire soon, which were never used,
who holds which role.

This notebook runs against the **sandbox**, a local server that behaves like the Astro API for these
endpoints, so it needs no Astro account.
""" + LOAD_TEXT),
    LOAD_CODE,
    md("""
## The request, as a value

The request builder is pure: it returns a description of the request (method, relative URI, headers, body)
and sends nothing. Path segments are escaped; `sorts` go out as repeated keys, in order.
"""),
    fs("""
let request =
    AgentTokenRequests.ListAgentTokens(ApiVersion.V1, "my-org", "my deployment", 0, Nullable 1000,
                                       [ TokenSort.Descending TokenSortField.CreatedAt; TokenSort.Ascending TokenSortField.Name ])
request.ToString()
"""),
    md("## A sandbox to talk to"),
    fs("""
let sandbox = Sandbox.StartAsync(SandboxOptions(Tokens = 137, Seed = 7)).GetAwaiter().GetResult()
let client = new AgentTokensClient(AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken))
let org, dep = sandbox.OrganizationId, sandbox.DeploymentId
sprintf "Sandbox at %O: organization %s, deployment %s, %d tokens" sandbox.BaseAddress org dep sandbox.Store.Count
"""),
    md("## One page\n\n`limit`, `offset` and `totalCount` come back with every page. The secret `token` field is never returned by List."),
    fs("""
let page = client.GetPageAsync(org, dep, 0, Nullable 5).GetAwaiter().GetResult()
printfn "limit %d, offset %d, totalCount %d" page.Limit page.Offset page.TotalCount
page.Tokens
"""),
    md("## The pager\n\n`AgentTokens.list` walks the pages (1000 per page, the API's maximum) and streams the tokens."),
    fs("""
let connection = { Client = client; OrganizationId = org; DeploymentId = dep }
let all = AgentTokens.list client connection.Query |> AgentTokens.toList |> fun t -> t.GetAwaiter().GetResult()
sprintf "%d tokens in %d request(s)" all.Length (sandbox.Requests.Entries |> Seq.filter (fun e -> e.Path.EndsWith "/agent-tokens") |> Seq.length)
"""),
    md("## Sorting with the F# discriminated unions\n\nA sort is a field and a direction; an invalid one cannot be built, and text from users is parsed into a `Result`."),
    fs("""
let newest =
    connection.Query
    |> Query.sortBy [ Desc CreatedAt; Asc Name ]
    |> Query.take 5
    |> AgentTokens.list client
    |> AgentTokens.toList
    |> fun t -> t.GetAwaiter().GetResult()
printfn "%A" (Sort.parse "createdAt:desc", Sort.parse "created:desc")
newest
"""),
    md("## What errors look like\n\nA **400** names the fields. The builder refuses a bad limit before sending anything; here we send one with a plain `HttpClient` to see the API's answer."),
    fs("""
let http = new Net.Http.HttpClient()
let bad = new Net.Http.HttpRequestMessage(Net.Http.HttpMethod.Get, Uri(sandbox.BaseAddress, sprintf "v1/organizations/%s/deployments/%s/agent-tokens?limit=5000&sorts=age:desc" org dep))
bad.Headers.Authorization <- Net.Http.Headers.AuthenticationHeaderValue("Bearer", sandbox.ApiToken)
let answer = http.Send bad
sprintf "%d %O\\n%s" (int answer.StatusCode) answer.StatusCode (answer.Content.ReadAsStringAsync().GetAwaiter().GetResult())
"""),
    md("A **401**: a wrong bearer token. The client's one exception type carries the status, the message and the `requestId` (never the bearer token)."),
    fs("""
let wrong = new AgentTokensClient(AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = "not-the-token"))
match AgentTokens.get wrong org dep "any-id" |> fun t -> t.GetAwaiter().GetResult() with
| Error failure -> ApiFailure.describe failure
| Ok _ -> "unexpected"
"""),
    md("A **429**: the API rate-limits per token (GET 25/s, POST 10/s, DELETE 5/s), and 429 bodies are often not JSON. The sandbox can answer one on purpose."),
    fs("""
sandbox.Faults.Next(Fault.RateLimitedPlainText(TimeSpan.FromSeconds 2.0)) |> ignore
try
    client.GetPageAsync(org, dep).GetAwaiter().GetResult() |> ignore
    "no error"
with :? AstroApiException as e ->
    sprintf "status %d, requestId %s, body excerpt: %s" e.StatusCode e.RequestId e.BodyExcerpt
"""),
    md("""
## Why a default page size of 20 loses data

The API's default `limit` is 20. A loop that forgets to send `limit` but advances `offset` by the page size it
*thinks* it asked for skips most tokens; one that reads a single page thinks 20 is all there is. Both are
bugs that shipped in real tools. The pager sends `limit=1000` and advances by what actually came back.
"""),
    fs("""
let get (relative: string) =
    let m = new Net.Http.HttpRequestMessage(Net.Http.HttpMethod.Get, Uri(sandbox.BaseAddress, relative))
    m.Headers.Authorization <- Net.Http.Headers.AuthenticationHeaderValue("Bearer", sandbox.ApiToken)
    let json = Text.Json.JsonDocument.Parse((http.Send m).Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement
    json.GetProperty("totalCount").GetInt32(), [ for t in json.GetProperty("tokens").EnumerateArray() -> t.GetProperty("id").GetString() ]
let path = sprintf "v1/organizations/%s/deployments/%s/agent-tokens" org dep
let total, firstPage = get path
let naive = [ for offset in 0 .. 100 .. total - 1 -> snd (get (sprintf "%s?offset=%d" path offset)) ] |> List.concat
sprintf "totalCount %d | one page without limit: %d | naive loop stepping by 100 without limit: %d | the pager: %d"
    total firstPage.Length (List.distinct naive).Length all.Length
"""),
    fs("""
client.Dispose(); wrong.Dispose(); http.Dispose()
sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult()
"sandbox stopped"
"""),
])

health = notebook([
    md("""
# Token health

Exploratory analysis of one deployment's agent tokens: how old they are, which expire soon, which were never
used, who holds which role. With `ASTRO_API_TOKEN`, `ASTRO_ORGANIZATION_ID` and `ASTRO_DEPLOYMENT_ID` set it
reads from Astro; otherwise from a sandbox seeded with a realistic deployment.
""" + LOAD_TEXT),
    LOAD_CODE,
    fs("""
let source = Source.connect 300 |> fun t -> t.GetAwaiter().GetResult()
let now = source.Now
let tokens = AgentTokens.list source.Connection.Client source.Connection.Query |> AgentTokens.toList |> fun t -> t.GetAwaiter().GetResult()
sprintf "%d tokens from %s" tokens.Length source.Description
"""),
    md("## Summary"),
    fs("Analysis.summary now tokens"),
    md("## Age\n\nHow long ago each token was created, by kind."),
    fs("TokenCharts.age ChartData.ByKind now tokens"),
    md("## Expiry\n\nThe 30 tokens nearest to expiry, expired ones in red, those expiring within a week in amber, and the days left for tokens that expire within 90 days."),
    fs("TokenCharts.expiryTimeline now tokens"),
    fs("TokenCharts.daysUntilExpiry now tokens"),
    md("## Roles\n\nRole assignments per role, stacked by the type of entity they are granted on (DAG and DAG_TAG roles included)."),
    fs("TokenCharts.roles tokens"),
    md("## Staleness\n\nDays since each token was last used; never-used tokens are counted apart."),
    fs("TokenCharts.staleness now tokens"),
    md("## Tokens expiring within 30 days"),
    fs("tokens |> List.filter (Analysis.expiresWithin (TimeSpan.FromDays 30.0) now) |> List.sortBy (fun t -> t.EndAt)"),
    md("## Tokens never used (oldest first)"),
    fs("tokens |> List.filter (fun t -> t.LastUsedAt.IsNone) |> List.sortBy (fun t -> t.CreatedAt)"),
    md("## The report\n\nThe same analysis as one self-contained HTML page."),
    fs("""
let reportPath = IO.Path.GetFullPath "../artifacts/notebooks/token-health-notebook.html"
Report.saveFrom source.Description reportPath tokens now
(source :> IAsyncDisposable).DisposeAsync().AsTask().GetAwaiter().GetResult()
reportPath
"""),
])

for name, nb in [("api-tour.ipynb", tour), ("token-health.ipynb", health)]:
    with open(name, "w") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")
