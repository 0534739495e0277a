namespace AgentTokens.Charts

open System
open System.Collections.Generic
open System.Runtime.CompilerServices
open System.Runtime.InteropServices
open Plotly.NET
open AgentTokens

/// The charts and the report for C# callers, over the core's own `AgentToken` and `DeploymentAgentTokens`
/// (`using AgentTokens.Charts;`). Each method draws what the F# `TokenCharts` function of the same subject draws
/// (titled, 1200x800, an empty state for no tokens); a notebook displays the chart it returns, and
/// `Plotly.NET`'s own methods save or show it.
[<Sealed; AbstractClass; Extension>]
type TokenChartExtensions =
    /// Token age since creation in buckets (under 7 days ... over a year), by kind.
    [<Extension>]
    static member AgeChart: tokens: IEnumerable<AgentToken> * now: DateTimeOffset -> GenericChart

    /// The 30 tokens nearest to expiry as bars from now to their endAt: expired in red, expiring within 7 days in
    /// amber, "now" marked.
    [<Extension>]
    static member ExpiryTimelineChart: tokens: IEnumerable<AgentToken> * now: DateTimeOffset -> GenericChart

    /// Days left for each token that expires within 90 days, nearest first.
    [<Extension>]
    static member DaysUntilExpiryChart: tokens: IEnumerable<AgentToken> * now: DateTimeOffset -> GenericChart

    /// Role assignments per role, stacked by the type of entity they are granted on.
    [<Extension>]
    static member RolesChart: tokens: IEnumerable<AgentToken> -> GenericChart

    /// Days since each token was last used; never-used tokens counted apart.
    [<Extension>]
    static member StalenessChart: tokens: IEnumerable<AgentToken> * now: DateTimeOffset -> GenericChart

    /// Tokens per deployment by expiry status (what `ListOrganizationDeploymentsAsync` yields).
    [<Extension>]
    static member DeploymentsChart: deployments: IEnumerable<DeploymentAgentTokens> * now: DateTimeOffset -> GenericChart

    /// Writes one chart as a self-contained HTML page at `path` (plotly.js inlined, so it opens offline; Plotly.NET's
    /// own `SaveHtml` loads plotly.js from a CDN).
    [<Extension>]
    static member SaveHtmlOffline: chart: GenericChart * path: string -> unit

    /// Writes the organization report (the deployments table, the summary, every chart and the tables of tokens
    /// expiring within 30 days and never used) as one self-contained HTML page at `path`; `source` is the line that
    /// says where the tokens came from. The secret `token` value never appears in it.
    [<Extension>]
    static member SaveReport:
        deployments: IEnumerable<DeploymentAgentTokens> * path: string * now: DateTimeOffset *
        [<Optional; DefaultParameterValue("Astro API")>] source: string
            -> unit

    /// Writes the report of one set of tokens (no deployments table) as one self-contained HTML page at `path`.
    [<Extension>]
    static member SaveReport:
        tokens: IEnumerable<AgentToken> * path: string * now: DateTimeOffset *
        [<Optional; DefaultParameterValue("Astro API")>] source: string
            -> unit
