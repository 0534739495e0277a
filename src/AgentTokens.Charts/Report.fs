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

let private day (t: DateTimeOffset) = t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
let private creator (t: Token) = t.CreatedBy |> Option.map (fun s -> s.DisplayName) |> Option.defaultValue "unknown"

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

/// The overview tables (summary, roles, creators) and the detail tables (expiring soon, never used).
let private tables (now: DateTimeOffset) (tokens: Token list) =
    let s = Analysis.summary now tokens
    let counts =
        Html.table "Summary" [ "What"; "Tokens" ]
            [ [ "Total"; string s.Total ]; [ "Expired"; string s.Expired ]
              [ "Expiring within 7 days"; string s.ExpiringWithin7Days ]; [ "Expiring within 30 days"; string s.ExpiringWithin30Days ]
              [ "Never used"; string s.NeverUsed ]; [ "Older than 90 days"; string s.OlderThan90Days ]
              [ "Older than 365 days"; string s.OlderThan365Days ]; [ "Without expiry"; string s.WithoutExpiry ] ] ""
    let limit = 25
    let expiring =
        tokens |> List.filter (Analysis.expiresWithin (TimeSpan.FromDays 30.0) now) |> List.sortBy (fun t -> t.EndAt)
    let expiringTable =
        Html.table "Expiring within 30 days" [ "Name"; "ID"; "Expires"; "Days left"; "Created by" ]
            [ for t in List.truncate limit expiring ->
                [ t.Name; t.Id; day t.EndAt.Value; sprintf "%.1f" (t.EndAt.Value - now).TotalDays; creator t ] ]
            (if expiring.Length > limit then sprintf "%d more not shown." (expiring.Length - limit) else "")
    let neverUsed = tokens |> List.filter (fun t -> t.LastUsedAt.IsNone) |> List.sortBy (fun t -> t.CreatedAt)
    let neverUsedTable =
        Html.table "Never used (oldest first)" [ "Name"; "ID"; "Created"; "Age (days)"; "Created by" ]
            [ for t in List.truncate limit neverUsed -> [ t.Name; t.Id; day t.CreatedAt; sprintf "%.0f" (Analysis.age now t).TotalDays; creator t ] ]
            (if neverUsed.Length > limit then sprintf "%d more not shown." (neverUsed.Length - limit) else "")
    let rolesTable =
        Html.table "Top roles" [ "Role"; "Entity type"; "Assignments" ]
            [ for (role, entityType), n in Analysis.rolesByNameAndEntityType tokens |> List.truncate 15 -> [ role; Convert.entityTypeText entityType; string n ] ] ""
    let creatorsTable =
        Html.table "Top creators" [ "Creator"; "Type"; "Tokens" ]
            [ for subject, n in Analysis.creators tokens |> List.truncate 10 ->
                [ subject.DisplayName; subject.SubjectType |> Option.map Convert.subjectTypeText |> Option.defaultValue ""; string n ] ] ""
    sprintf "<div class=\"grid\">%s%s%s</div>" counts rolesTable creatorsTable, expiringTable + neverUsedTable

/// A chart as a div and an inline script. The figure's JSON has every '<' escaped as \u003c (the same string to
/// a JSON reader), so no token name can close the script element.
let chartHtml (id: string) (chart: GenericChart) =
    let figure = (GenericChart.toFigureJson chart).Replace("<", "\\u003c")
    sprintf "<div id=\"%s\"></div><script type=\"text/javascript\">(function(){var f=%s;Plotly.newPlot('%s',f.data,f.layout,{responsive:true,displaylogo:false});})();</script>" id figure id

/// The report page as HTML. `source` says where the tokens came from (e.g. "sandbox, 250 tokens").
let render (source: string) (now: DateTimeOffset) (tokens: Token list) =
    let charts =
        TokenCharts.all now tokens
        |> List.map (fun (name, chart) -> sprintf "<section class=\"chart\" data-chart=\"%s\">%s</section>" name (chartHtml ("chart-" + name) chart))
        |> String.concat "\n"
    let overview = tables now tokens
    String.concat "\n" [
        "<!DOCTYPE html>"
        "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Agent token health</title>"
        sprintf "<style>%s</style>" Html.style
        sprintf "<script type=\"text/javascript\">%s</script>" plotlyJs.Value
        "</head><body>"
        "<h1>Agent token health</h1>"
        sprintf "<p class=\"meta\">%s &middot; %d tokens &middot; as of %s UTC</p>" (Html.text source) tokens.Length (now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
        fst overview
        charts
        snd overview
        "</body></html>" ]

/// Writes the report to `path` (its folder is created), naming where the tokens came from.
let saveFrom (source: string) (path: string) (tokens: Token list) (now: DateTimeOffset) =
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath path)) |> ignore
    File.WriteAllText(path, render source now tokens)

/// Writes the report to `path`: `Report.save path tokens now`.
let save (path: string) (tokens: Token list) (now: DateTimeOffset) = saveFrom "Astro API" path tokens now
