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
        Analysis.rolesByName tokens |> List.truncate 5 |> List.map (fun (role, n) -> sprintf "%s (%d)" role n)
    [ sprintf "Tokens:                     %d" s.Total
      sprintf "Expired:                    %d" s.Expired
      sprintf "Expiring within 30 days:    %d (within 7 days: %d)" s.ExpiringWithin30Days s.ExpiringWithin7Days
      sprintf "Never used:                 %d" s.NeverUsed
      sprintf "Older than 90 / 365 days:   %d / %d" s.OlderThan90Days s.OlderThan365Days
      sprintf "Without expiry:             %d" s.WithoutExpiry
      sprintf "Top roles:                  %s" (if topRoles.IsEmpty then "none" else String.concat ", " topRoles) ]

let chartHtml (id: string) (chart: GenericChart) =
    let figure = (GenericChart.toFigureJson chart).Replace("<", "\\u003c")
    sprintf "<div id=\"%s\"></div><script type=\"text/javascript\">(function(){var f=%s;Plotly.newPlot('%s',f.data,f.layout,{responsive:true,displaylogo:false});})();</script>" id figure id

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

let render (source: string) (now: DateTimeOffset) (tokens: Token list) =
    let overview, details = ReportTables.overview now tokens
    page source now tokens.Length overview (TokenCharts.all now tokens) details

let renderAudit (source: string) (now: DateTimeOffset) (audit: Audit) =
    let tokens = audit.Tokens
    let overview, details = ReportTables.overview now tokens
    let charts = TokenCharts.all now tokens @ [ "deployments", TokenCharts.deployments now audit.Deployments ]
    page source now tokens.Length (ReportTables.deployments now audit.Deployments + overview) charts details

let private write (path: string) (html: string) =
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath path)) |> ignore
    File.WriteAllText(path, html)

let saveFrom (source: string) (path: string) (tokens: Token list) (now: DateTimeOffset) = write path (render source now tokens)

let saveAudit (source: string) (path: string) (audit: Audit) (now: DateTimeOffset) = write path (renderAudit source now audit)

let save (path: string) (tokens: Token list) (now: DateTimeOffset) = saveFrom "Astro API" path tokens now
