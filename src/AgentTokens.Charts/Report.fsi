/// The token-health report: one self-contained HTML page (plotly.js inlined, no CDN) with the charts and
/// summary tables. It is built from F# `Token`s, which carry no secret, so the secret can never appear in it.
[<RequireQualifiedAccess>]
module AgentTokens.Charts.Report

open System
open Plotly.NET
open AgentTokens.FSharp

/// plotly.js as shipped inside Plotly.NET, ready to inline in a script element.
val plotlyJs: Lazy<string>

/// The lines of the short text summary: totals, expired, expiring within 30 days, never used, top roles.
val summaryLines: now: DateTimeOffset -> tokens: Token list -> string list

/// A chart as a div with this `id` and an inline script (plotly.js must be on the page). No token name can close
/// the script element.
val chartHtml: id: string -> chart: GenericChart -> string

/// The report page of a list of tokens. `source` says where they came from (e.g. "sandbox, 250 tokens").
val render: source: string -> now: DateTimeOffset -> tokens: Token list -> string

/// The report page of an audit (a deployment or a whole organization): the table of deployments first, the charts
/// across every deployment, tokens per deployment among them.
val renderAudit: source: string -> now: DateTimeOffset -> audit: Audit -> string

/// Writes one chart as a self-contained page (plotly.js inlined) at `path`.
val saveChart: path: string -> chart: GenericChart -> unit

/// Writes the report of tokens to `path` (its folder is created), naming where the tokens came from.
val saveFrom: source: string -> path: string -> tokens: Token list -> now: DateTimeOffset -> unit

/// Writes the report of an audit to `path` (its folder is created), naming where the tokens came from.
val saveAudit: source: string -> path: string -> audit: Audit -> now: DateTimeOffset -> unit

/// Writes the report to `path`: `Report.save path tokens now`.
val save: path: string -> tokens: Token list -> now: DateTimeOffset -> unit
