/// The token-health report: one self-contained HTML page (plotly.js inlined, no CDN) with the charts and
/// summary tables. It is built from F# `Token`s, which carry no secret, so the secret can never appear in it.
[<RequireQualifiedAccess>]
module AgentTokens.Charts.Report

open System
open System.Globalization
open System.IO
open Plotly.NET
open AgentTokens.FSharp

/// plotly.js as shipped inside Plotly.NET (an embedded resource), ready to inline.
let plotlyJs =
    lazy
        (let assembly = typeof<GenericChart>.Assembly
         let name = assembly.GetManifestResourceNames() |> Array.find (fun n -> n.StartsWith "Plotly.NET.plotly-" && n.EndsWith ".min.js")
         use stream = assembly.GetManifestResourceStream name
         use reader = new StreamReader(stream)
         // A literal "</script" inside an inline script would end it early.
         reader.ReadToEnd().Replace("</script", "<\\/script"))

/// The lines of the short text summary: totals, expired, expiring within 30 days, never used, top roles.
let summaryLines (now: DateTimeOffset) (tokens: Token list) =
    let s = Analysis.summary now tokens
    let topRoles =
        Analysis.rolesByName tokens |> List.truncate 5 |> List.map (fun (role, n) -> sprintf "%s (%d)" role n)
    [ sprintf "Tokens:                     %d" s.Total
      sprintf "Expired:                    %d" s.Expired
      sprintf "Expiring within 30 days:    %d (within 7 days: %d)" s.ExpiringWithin30Days s.ExpiringWithin7Days
      sprintf "Never used:                 %d" s.NeverUsed
      sprintf "Older than 90 / 365 days:   %d / %d" s.OlderThan90Days s.OlderThan365Days
      sprintf "Without expiry:             %d" s.WithoutExpiry
      sprintf "Top roles:                  %s" (if topRoles.IsEmpty then "none" else String.concat ", " topRoles) ]

/// A chart as a div and an inline script. The figure's JSON has every '<' escaped as \u003c (the same string to
/// a JSON reader), so no token name can close the script element.
let chartHtml (id: string) (chart: GenericChart) =
    let figure = (GenericChart.toFigureJson chart).Replace("<", "\\u003c")
    sprintf "<div id=\"%s\"></div><script type=\"text/javascript\">(function(){var f=%s;Plotly.newPlot('%s',f.data,f.layout,{responsive:true,displaylogo:false});})();</script>" id figure id

/// The page: a title, what it covers, the overview, each chart in a section of its own, then the detail tables.
let private page (source: string) (now: DateTimeOffset) (tokenCount: int) (overview: string) (charts: (string * GenericChart) list) (details: string) =
    let sections =
        charts
        |> List.map (fun (name, chart) -> sprintf "<section class=\"chart\" data-chart=\"%s\">%s</section>" name (chartHtml ("chart-" + name) chart))
        |> String.concat "\n"
    String.concat "\n" [
        "<!DOCTYPE html>"
        "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Agent token health</title>"
        sprintf "<style>%s</style>" Html.style
        sprintf "<script type=\"text/javascript\">%s</script>" plotlyJs.Value
        "</head><body>"
        "<h1>Agent token health</h1>"
        sprintf "<p class=\"meta\">%s &middot; %d tokens &middot; as of %s UTC</p>" (Html.text source) tokenCount (now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
        overview
        sections
        details
        "</body></html>" ]

/// The report page of a list of tokens. `source` says where they came from (e.g. "sandbox, 250 tokens").
let render (source: string) (now: DateTimeOffset) (tokens: Token list) =
    let overview, details = ReportTables.overview now tokens
    page source now tokens.Length overview (TokenCharts.all now tokens) details

/// The report page of an audit (a deployment or a whole organization): the table of deployments first, the charts
/// across every deployment, tokens per deployment among them.
let renderAudit (source: string) (now: DateTimeOffset) (audit: Audit) =
    let tokens = audit.Tokens
    let overview, details = ReportTables.overview now tokens
    let charts = TokenCharts.all now tokens @ [ "deployments", TokenCharts.deployments now audit.Deployments ]
    page source now tokens.Length (ReportTables.deployments now audit.Deployments + overview) charts details

let private write (path: string) (html: string) =
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath path)) |> ignore
    File.WriteAllText(path, html)

/// Writes the report of tokens to `path` (its folder is created), naming where the tokens came from.
let saveFrom (source: string) (path: string) (tokens: Token list) (now: DateTimeOffset) = write path (render source now tokens)

/// Writes the report of an audit to `path` (its folder is created), naming where the tokens came from.
let saveAudit (source: string) (path: string) (audit: Audit) (now: DateTimeOffset) = write path (renderAudit source now audit)

/// Writes the report to `path`: `Report.save path tokens now`.
let save (path: string) (tokens: Token list) (now: DateTimeOffset) = saveFrom "Astro API" path tokens now
