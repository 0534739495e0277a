/// The README's examples are real code: compiled with the tests, run against the sandbox, and shown verbatim.
module AgentTokens.Tests.ReadmeTests

open System
open System.IO
open Expecto
open AgentTokens.FSharp
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

/// The repository's root (the folder holding the solution).
let repoRoot =
    let rec up (dir: DirectoryInfo) =
        if isNull dir then failwith "the repository root (AgentTokens.Functional.sln) was not found above the test binary"
        elif File.Exists(Path.Combine(dir.FullName, "AgentTokens.Functional.sln")) then dir.FullName
        else up dir.Parent
    up (DirectoryInfo AppContext.BaseDirectory)

/// The lines between the README markers of a source file, with their common indentation removed.
let region (relativePath: string) =
    let lines = File.ReadAllLines(Path.Combine(repoRoot, relativePath)) |> List.ofArray
    let inside =
        lines
        |> List.skipWhile (fun l -> not (l.Trim().EndsWith "README-BEGIN"))
        |> List.tail
        |> List.takeWhile (fun l -> not (l.Trim().EndsWith "README-END"))
    let indent = inside |> List.filter (fun l -> l.Trim() <> "") |> List.map (fun l -> l.Length - l.TrimStart().Length) |> List.min
    inside |> List.map (fun l -> if l.Length >= indent then l.Substring indent else l.TrimStart()) |> String.concat "\n"

let private readme () = File.ReadAllText(Path.Combine(repoRoot, "README.md")).Replace("\r\n", "\n")

let tests =
    testList "README" [
        test "the README shows the C# and F# examples exactly as compiled" {
            let text = readme ()
            Expect.stringContains text (region "examples/AgentTokens.Examples/ReadmeExample.cs") "C# example"
            Expect.stringContains text (region "examples/FSharp/ReadmeExample.fs") "F# example"
            Expect.stringContains text (region "examples/AgentTokens.Examples/ReadmeAnalysisExample.cs") "C# analysis example"
        }

        test "the README names the two commands, the configuration and the sandbox" {
            let text = readme ()
            for expected in [ "./build.sh test"; "./build.sh report"; "ASTRO_API_TOKEN"; "ASTRO_ORGANIZATION_ID"; "ASTRO_DEPLOYMENT_ID"; "ASTRO_BASE_URL"; "ASTRO_API_VERSION"; "dotnet run --project src/AgentTokens.Sandbox" ] do
                Expect.stringContains text expected expected
        }

        testCaseTask "the C# example lists every token, newest first" <| fun () ->
            withSandbox (sandboxOptions 40) (fun sandbox -> task {
                use output = new StringWriter()
                do! AgentTokens.Examples.ReadmeExample.RunAsync(sandbox.BaseAddress, sandbox.ApiToken, sandbox.OrganizationId, sandbox.DeploymentId, output)
                let lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                Expect.equal lines.Length 40 "a line per token"
                let newest = sandbox.Store.Sorted([| "createdAt:desc" |]) |> Seq.head
                Expect.stringStarts lines.[0] newest.Name "newest first"
            })

        testCaseTask "the C# analysis example audits an organization: summary, findings, a chart and the report" <| fun () ->
            withSandbox SandboxOptions.EmbeddedOrganization (fun sandbox -> task {
                use output = new StringWriter()
                use client = clientFor sandbox
                let folder = Directory.CreateTempSubdirectory("agent-tokens-readme-").FullName
                do! AgentTokens.Examples.ReadmeAnalysisExample.RunAsync(client, sandbox.OrganizationId, sandbox.Now, folder, output)
                let! deployments = System.Linq.AsyncEnumerable.ToListAsync(client.ListOrganizationDeploymentsAsync(sandbox.OrganizationId))
                let tokens = [ for d in deployments do for t in d.Tokens -> Tokens.ofCore t ]
                let summary = Analysis.summary sandbox.Now tokens
                let lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                Expect.equal lines.[0] $"{summary.Total} tokens: {summary.Expired} expired, {summary.ExpiringWithin30Days} expire within 30 days, {summary.NeverUsed} never used" "the summary, as the F# layer counts it"
                let expired = tokens |> List.filter (Analysis.isExpired sandbox.Now) |> List.length
                Expect.equal (lines |> Array.filter (fun l -> l.Contains " expired ")).Length expired "one line per expired token"
                for page in [ "expiry.html"; "token-health.html" ] do
                    let html = File.ReadAllText(Path.Combine(folder, page))
                    Expect.stringContains html "Plotly.newPlot" (page + " draws")
                    Expect.isFalse (html.Contains "<script src=\"https://cdn.plot.ly") (page + " needs no CDN")
                Directory.Delete(folder, true)
            })

        testCaseTask "the F# example summarises the 100 newest tokens" <| fun () ->
            withSandbox (sandboxOptions 300) (fun sandbox -> task {
                use output = new StringWriter()
                let connection = { Client = clientFor sandbox; OrganizationId = sandbox.OrganizationId; DeploymentId = Some sandbox.DeploymentId }
                let! summary = AgentTokens.Examples.ReadmeExample.run connection sandbox.Now output Threading.CancellationToken.None
                Expect.equal (Expect.wantOk summary "listed").Total 100 "took 100"
                Expect.stringStarts (output.ToString()) "100 tokens:" "printed"
            })
    ]
