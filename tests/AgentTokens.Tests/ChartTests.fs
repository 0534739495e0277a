/// Charts and the report: pure data, every chart at 0 and 10,000 tokens, and the page itself.
module AgentTokens.Tests.ChartTests

open System
open System.IO
open System.Text.RegularExpressions
open Expecto
open Plotly.NET
open AgentTokens.FSharp
open AgentTokens.Charts
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

/// F# tokens from the sandbox's generator (pure: no HTTP needed for chart data).
let generated count =
    let json (t: SandboxToken) = Text.Encoding.UTF8.GetString(WireFormat.Token(t, "type", "secret-canary-" + t.Id))
    DataGenerator(42, fixedNow).Tokens("dep", count) |> Seq.map (json >> Fixtures.readToken >> Convert.token) |> List.ofSeq

let private figureJson chart = GenericChart.toFigureJson chart

let private categories (json: string) = Regex.Matches(json, "\"x\":\\[([^\\]]*)\\]") |> Seq.collect (fun m -> m.Groups.[1].Value.Split ',') |> Seq.distinct |> Seq.length

let tests =
    testList "charts and report" [
        test "chart data sums to what it summarises" {
            let tokens = generated 500
            let ages = ChartData.ageBySeries ChartData.ByKind fixedNow tokens
            Expect.equal (ages |> List.sumBy (snd >> List.sumBy snd)) 500 "every token in one age bucket"
            let bins, neverUsed = ChartData.staleness fixedNow tokens
            Expect.equal (List.sumBy snd bins + neverUsed) 500 "every token once in staleness"
            let columns, perType = ChartData.rolesStacked 15 tokens
            Expect.isLessThanOrEqual columns.Length 16 "at most 15 roles and 'other roles'"
            Expect.equal (perType |> List.sumBy (snd >> List.sum)) (tokens |> List.sumBy (fun t -> t.Roles.Length)) "every assignment counted"
            let expiring = ChartData.daysUntilExpiry (TimeSpan.FromDays 90.0) (TimeSpan.FromDays 7.0) fixedNow tokens
            let within90 = tokens |> List.filter (Analysis.expiresWithin (TimeSpan.FromDays 90.0) fixedNow) |> List.length
            Expect.equal (expiring |> List.sumBy (fun (_, n, _) -> n)) within90 "weekly bins hold every token expiring within 90 days"
        }

        test "the timeline keeps 30 bars nearest to expiry and says how many it left out" {
            let tokens = generated 10_000
            let bars, leftOut = ChartData.timeline 30 (TimeSpan.FromDays 7.0) (TimeSpan.FromDays 90.0) fixedNow tokens
            Expect.equal (bars.Length, leftOut) (30, 9970) "30 shown"
            Expect.isTrue (bars |> List.exists (fun b -> b.Status = ChartData.ExpiringSoonBar)) "expiring soon among them"
            Expect.all bars (fun b -> b.End >= b.Start) "bars run forward"
        }

        test "every chart draws 0 tokens as an empty state with a message" {
            for name, chart in TokenCharts.all fixedNow [] do
                let json = figureJson chart
                Expect.stringContains json "No tok" (sprintf "%s shows a message" name)
                Expect.stringContains json "\"title\"" (sprintf "%s has a title" name)
        }

        test "every chart stays readable at 10,000 tokens: titles, axis titles, few categories, 1200x800" {
            let tokens = generated 10_000
            for name, chart in TokenCharts.all fixedNow tokens do
                let json = figureJson chart
                Expect.stringContains json "\"width\":1200" (sprintf "%s width" name)
                Expect.stringContains json "\"height\":800" (sprintf "%s height" name)
                Expect.isGreaterThanOrEqual (Regex.Matches(json, "\"title\":\\{\"text\"").Count) 3 (sprintf "%s: chart and axis titles" name)
                Expect.isLessThanOrEqual (categories json) 60 (sprintf "%s: no label soup" name)
        }

        test "the report is self-contained, has every chart and table, and never the secret" {
            let tokens = generated 300
            let html = Report.render "test" fixedNow tokens
            Expect.isFalse (html.Contains "<script src=\"https://cdn.plot.ly") "no CDN script"
            Expect.isFalse (Regex.IsMatch(html, "<script[^>]+src=")) "no external script at all"
            Expect.stringContains html "Plotly.newPlot" "charts"
            Expect.equal (Regex.Matches(html, "<section class=\"chart\"").Count) 5 "five charts"
            for caption in [ "Summary"; "Expiring within 30 days"; "Never used (oldest first)"; "Top roles"; "Top creators" ] do
                Expect.stringContains html (sprintf "<caption>%s</caption>" caption) caption
            Expect.isFalse (html.Contains "secret-canary-") "the secret never appears"
        }

        test "token names cannot inject markup into the report" {
            let tokens = generated 5 |> List.map (fun t -> { t with Name = "<script>alert(1)</script>" })
            let html = Report.render "test" fixedNow tokens
            Expect.isFalse (html.Contains "<script>alert(1)</script>") "encoded"
        }

        test "server text reaches Plotly's labels, legends and hover text HTML-encoded: no link to click, no style that fetches" {
            let markup = "<a href=\"https://evil.example/\">click</a><span style=\"background:url(https://evil.example/x)\">s</span>"
            let tokens =
                generated 40
                |> List.map (fun t ->
                    { t with
                        Name = markup + t.Name
                        Kind = Kind.Other markup
                        Roles = [ for r in t.Roles -> { r with Role = markup + r.Role; Entity = Entity.Other markup } ] })
            let deployment: DeploymentTokens = { Deployment = { Id = "d"; Name = markup; WorkspaceId = None; RemoteExecution = true }; Tokens = tokens }
            for name, chart in TokenCharts.all fixedNow tokens @ [ "deployments", TokenCharts.deployments fixedNow [ deployment ] ] do
                let json = figureJson chart
                Expect.isFalse (json.Contains "<a href") (sprintf "%s: no raw link" name)
                Expect.isFalse (json.Contains "<span style") (sprintf "%s: no raw style" name)
            Expect.stringContains (figureJson (TokenCharts.roles tokens)) "&lt;a href" "the text is kept, encoded"
        }

        test "the text summary names the headline figures" {
            let lines = Report.summaryLines fixedNow (generated 300) |> String.concat "\n"
            for expected in [ "Tokens:"; "Expired:"; "Expiring within 30 days:"; "Never used:"; "Top roles:" ] do
                Expect.stringContains lines expected expected
        }
    ]
