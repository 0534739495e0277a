// The promised surface and its documentation: Html.fsi.
[<RequireQualifiedAccess>]
module AgentTokens.Charts.Html

open System
open System.Net

let text (value: string) = WebUtility.HtmlEncode value

let table (caption: string) (headers: string list) (rows: string list list) (note: string) =
    let cells tag values = values |> List.map (fun v -> $"<{tag}>{text v}</{tag}>") |> String.concat ""
    let body =
        if rows.IsEmpty then $"<tr><td colspan=\"{headers.Length}\" class=\"empty\">None.</td></tr>"
        else rows |> List.map (fun r -> "<tr>" + cells "td" r + "</tr>") |> String.concat "\n"
    let noteHtml = if String.IsNullOrEmpty note then "" else $"<p class=\"note\">{text note}</p>"
    "<table><caption>" + text caption + "</caption><thead><tr>" + cells "th" headers + "</tr></thead><tbody>\n" + body + "\n</tbody></table>" + noteHtml

let style =
    """body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1240px;color:#1d3557}
h1{margin-bottom:4px}.meta{color:#555;margin-top:0}
.grid{display:flex;flex-wrap:wrap;gap:24px}.grid table{flex:1 1 360px}
table{border-collapse:collapse;margin:16px 0;font-size:14px}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}th{background:#f1f4f8}
td.empty{color:#777;font-style:italic}.note{color:#555;font-size:13px;margin-top:-8px}
.chart{margin:24px 0;border:1px solid #e3e7ee;border-radius:6px;padding:4px}"""
