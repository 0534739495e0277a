// The promised surface and its documentation: CSharp.fsi.
namespace AgentTokens.Charts

open System
open System.Collections.Generic
open System.Runtime.CompilerServices
open System.Runtime.InteropServices
open AgentTokens
open AgentTokens.FSharp

[<Sealed; AbstractClass; Extension>]
type TokenChartExtensions =
    static member private Of(tokens: IEnumerable<AgentToken>) =
        ArgumentNullException.ThrowIfNull tokens
        [ for t in tokens -> Tokens.ofCore t ]

    static member private Audit(deployments: IEnumerable<DeploymentAgentTokens>) =
        ArgumentNullException.ThrowIfNull deployments
        Audit.ofDeployments "" deployments

    [<Extension>]
    static member AgeChart(tokens: IEnumerable<AgentToken>, now: DateTimeOffset) =
        TokenCharts.age ChartData.ByKind now (TokenChartExtensions.Of tokens)

    [<Extension>]
    static member ExpiryTimelineChart(tokens: IEnumerable<AgentToken>, now: DateTimeOffset) =
        TokenCharts.expiryTimeline now (TokenChartExtensions.Of tokens)

    [<Extension>]
    static member DaysUntilExpiryChart(tokens: IEnumerable<AgentToken>, now: DateTimeOffset) =
        TokenCharts.daysUntilExpiry now (TokenChartExtensions.Of tokens)

    [<Extension>]
    static member RolesChart(tokens: IEnumerable<AgentToken>) = TokenCharts.roles (TokenChartExtensions.Of tokens)

    [<Extension>]
    static member StalenessChart(tokens: IEnumerable<AgentToken>, now: DateTimeOffset) =
        TokenCharts.staleness now (TokenChartExtensions.Of tokens)

    [<Extension>]
    static member DeploymentsChart(deployments: IEnumerable<DeploymentAgentTokens>, now: DateTimeOffset) =
        TokenCharts.deployments now (TokenChartExtensions.Audit deployments).Deployments

    [<Extension>]
    static member SaveHtmlOffline(chart: Plotly.NET.GenericChart, path: string) =
        ArgumentNullException.ThrowIfNull chart
        ArgumentException.ThrowIfNullOrWhiteSpace path
        Report.saveChart path chart

    [<Extension>]
    static member SaveReport
        (deployments: IEnumerable<DeploymentAgentTokens>, path: string, now: DateTimeOffset, [<Optional; DefaultParameterValue("Astro API")>] source: string) =
        Report.saveAudit source path (TokenChartExtensions.Audit deployments) now

    [<Extension>]
    static member SaveReport
        (tokens: IEnumerable<AgentToken>, path: string, now: DateTimeOffset, [<Optional; DefaultParameterValue("Astro API")>] source: string) =
        Report.saveFrom source path (TokenChartExtensions.Of tokens) now
