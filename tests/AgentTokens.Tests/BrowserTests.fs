/// The report in a real browser: every chart draws, nothing comes from a CDN, and a PNG is kept.
module AgentTokens.Tests.BrowserTests

open System.IO
open System.Text.RegularExpressions
open Expecto
open AgentTokens.FSharp
open AgentTokens.Charts
open AgentTokens.Tests.SandboxFixture

/// Every chart section of the rendered page holds an SVG that plotly drew, with traces.
let private expectChartsDrawn (dom: string) (count: int) =
    let sections = Regex.Split(dom, "<section class=\"chart\"") |> Array.skip 1
    Expect.equal sections.Length count "chart sections in the DOM"
    for section in sections do
        let name = Regex.Match(section, "data-chart=\"([^\"]+)\"").Groups.[1].Value
        Expect.stringContains section "class=\"main-svg\"" (sprintf "plotly drew an SVG for %s" name)
        Expect.isTrue (Regex.IsMatch(section, "class=\"(trace bars|scatterlayer|barlayer)")) (sprintf "%s has traces" name)

/// A PNG of the rendered page, kept in artifacts/browser.
let private keepScreenshot (page: string) (png: string) =
    Chromium.run [ "--screenshot=" + png ] page |> ignore
    Expect.isTrue (File.Exists png && FileInfo(png).Length > 50_000L) "a PNG of the rendered report is kept"

let tests =
    testList "browser" [
        testCaseTask "headless Chromium draws every chart of a report made from the sandbox, offline" <| fun () ->
            withSandbox (sandboxOptions 300) (fun sandbox -> task {
                let connection = { Client = clientFor sandbox; OrganizationId = sandbox.OrganizationId; DeploymentId = Some sandbox.DeploymentId }
                let! tokens = Tokens.list connection.Client connection.Query |> Stream.toList
                let folder = Path.Combine(ReadmeTests.repoRoot, "artifacts", "browser")
                let page = Path.Combine(folder, "token-health.html")
                Report.saveFrom "sandbox (browser check)" page tokens sandbox.Now
                let html = File.ReadAllText page
                Expect.isFalse (html.Contains "<script src=\"https://cdn.plot.ly") "no CDN script tag"
                let dom = Chromium.run [ "--dump-dom" ] page
                expectChartsDrawn dom 5
                keepScreenshot page (Path.Combine(folder, "token-health.png"))
            })

        testCaseTask "headless Chromium draws the organization's report: the deployments table and every chart, tokens per deployment included" <| fun () ->
            withSandbox AgentTokens.Sandbox.SandboxOptions.EmbeddedOrganization (fun sandbox -> task {
                let connection = { Client = clientFor sandbox; OrganizationId = sandbox.OrganizationId; DeploymentId = None }
                let! audit = Audit.collect connection 8 (fun _ _ -> ()) System.Threading.CancellationToken.None
                let audit = Expect.wantOk audit "audited"
                let folder = Path.Combine(ReadmeTests.repoRoot, "artifacts", "browser")
                let page = Path.Combine(folder, "organization-health.html")
                Report.saveAudit "embedded sandbox (browser check)" page audit sandbox.Now
                let dom = Chromium.run [ "--dump-dom" ] page
                let table = Regex.Match(dom, "<caption>Deployments</caption>[\\s\\S]*?</table>").Value
                let rows = Regex.Matches(table, "<tr><td>").Count
                Expect.equal rows audit.Deployments.Length "a row per Remote Execution deployment"
                Expect.stringContains table "<td>none</td>" "deployments without tokens are listed as such"
                expectChartsDrawn dom 6
                keepScreenshot page (Path.Combine(folder, "organization-health.png"))
            })
    ]
