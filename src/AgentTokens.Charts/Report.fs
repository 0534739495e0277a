// The promised surface and its documentation: Report.fsi.
[<RequireQualifiedAccess>]
module AgentTokens.Charts.Report

open System
open System.Globalization
open System.IO
open Plotly.NET
open AgentTokens.FSharp

let plotlyJs =
    lazy
        (let assembly = typeof<GenericChart>.Assembly
         let name = assembly.GetManifestResourceNames() |> Array.find (fun n -> n.StartsWith "Plotly.NET.plotly-" && n.EndsWith ".min.js")
         use stream = assembly.GetManifestResourceStream name
         use reader = new StreamReader(stream)
         // A literal "</script" inside an inline script would end it early.
         reader.ReadToEnd().Replace("</script", "<\\/script"))

let summaryLines (now: DateTimeOffset) (tokens: Token list) =
    let s = Analysis.summary now tokens
    let topRoles =
        Analysis.rolesByName tokens |> List.truncate 5 |> List.map (fun (role, n) -> $"{role} ({n})")
    [ $"Tokens:                     {s.Total}"
      $"Expired:                    {s.Expired}"
      $"Expiring within 30 days:    {s.ExpiringWithin30Days} (within 7 days: {s.ExpiringWithin7Days})"
      $"Never used:                 {s.NeverUsed}"
      $"Older than 90 / 365 days:   {s.OlderThan90Days} / {s.OlderThan365Days}"
      $"Without expiry:             {s.WithoutExpiry}"
      "Top roles:                  " + (if topRoles.IsEmpty then "none" else String.concat ", " topRoles) ]

let chartHtml (id: string) (chart: GenericChart) =
    let figure = (GenericChart.toFigureJson chart).Replace("<", "\\u003c")
    $"<div id=\"{id}\"></div><script type=\"text/javascript\">(function(){{var f={figure};Plotly.newPlot('{id}',f.data,f.layout,{{responsive:true,displaylogo:false}});}})();</script>"

/// A self-contained page: its title, the style, plotly.js inlined, then `body`.
let private document (title: string) (body: string list) =
    String.concat "\n" [
        "<!DOCTYPE html>"
        $"<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Html.text title}</title>"
        $"<style>{Html.style}</style>"
        $"<script type=\"text/javascript\">{plotlyJs.Value}</script>"
        "</head><body>"
        yield! body
        "</body></html>" ]

let private page (source: string) (now: DateTimeOffset) (tokenCount: int) (overview: string) (charts: (string * GenericChart) list) (details: string) =
    let sections =
        charts
        |> List.map (fun (name, chart) -> "<section class=\"chart\" data-chart=\"" + name + "\">" + chartHtml ("chart-" + name) chart + "</section>")
        |> String.concat "\n"
    document "Agent token health" [
        "<h1>Agent token health</h1>"
        let asOf = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        $"<p class=\"meta\">{Html.text source} &middot; {tokenCount} tokens &middot; as of {asOf} UTC</p>"
        overview
        sections
        details ]

let render (source: string) (now: DateTimeOffset) (tokens: Token list) =
    let overview, details = ReportTables.overview now tokens
    page source now tokens.Length overview (TokenCharts.all now tokens) details

let renderAudit (source: string) (now: DateTimeOffset) (audit: Audit) =
    let tokens = audit.Tokens
    let overview, details = ReportTables.overview now tokens
    let charts = TokenCharts.all now tokens @ [ "deployments", TokenCharts.deployments now audit.Deployments ]
    page source now tokens.Length (ReportTables.deployments now audit.Deployments + overview) charts details

/// Written beside the page and renamed over it: a failure midway never leaves a half-written report.
let private write (path: string) (html: string) =
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath path)) |> ignore
    AgentTokens.AtomicFile.Write(path, html, AgentTokens.AtomicFile.Existing.Replace, AgentTokens.AtomicFile.Access.Default) |> ignore

let saveChart (path: string) (chart: GenericChart) = write path (document "Agent tokens" [ chartHtml "chart" chart ])

let saveFrom (source: string) (path: string) (tokens: Token list) (now: DateTimeOffset) = write path (render source now tokens)

let saveAudit (source: string) (path: string) (audit: Audit) (now: DateTimeOffset) = write path (renderAudit source now audit)

let save (path: string) (tokens: Token list) (now: DateTimeOffset) = saveFrom "Astro API" path tokens now
