// The promised surface and its documentation: TokenCharts.fsi.
[<RequireQualifiedAccess>]
module AgentTokens.Charts.TokenCharts

open System
open Plotly.NET
open Plotly.NET.LayoutObjects
open AgentTokens.FSharp

let width, height = 1200, 800

/// Server text as Plotly shows it: Plotly renders tags such as <a href> and <span style> in labels, legends and hover
/// text, so every name from the server is HTML-encoded first (Plotly shows the entities as the characters they are).
let private inert = Html.text

let soon = Analysis.soon

let private colors =
    {| Active = Color.fromHex "#2a9d8f"; Soon = Color.fromHex "#e9c46a"; Expired = Color.fromHex "#e63946"
       Never = Color.fromHex "#8d99ae"; Now = Color.fromHex "#1d3557"; NeverUsed = Color.fromHex "#e76f51"; Used = Color.fromHex "#457b9d" |}

let private styled (title: string) (xTitle: string) (yTitle: string) (chart: GenericChart) =
    chart
    |> Chart.withTitle title
    |> Chart.withXAxisStyle (TitleText = xTitle)
    |> Chart.withYAxisStyle (TitleText = yTitle)
    |> Chart.withSize (width, height)
    |> Chart.withMarginSize (Left = 80, Right = 40, Top = 80, Bottom = 120)

let private note (text: string) (y: float) =
    Annotation.init (X = 0.5, Y = y, XRef = "paper", YRef = "paper", Text = text, ShowArrow = false)

let empty (title: string) (xTitle: string) (yTitle: string) (message: string) =
    Chart.Column(values = [ 0 ], Keys = [ "" ], ShowLegend = false)
    |> styled title xTitle yTitle
    |> Chart.withAnnotation (note message 0.5)

let age (split: ChartData.AgeSplit) (now: DateTimeOffset) (tokens: Token list) =
    let title = "Token age"
    let xTitle, yTitle = "Age since creation", "Tokens"
    if tokens.IsEmpty then empty title xTitle yTitle "No tokens to show"
    else
        ChartData.ageBySeries split now tokens
        |> List.map (fun (series, counts) ->
            Chart.StackedColumn(values = List.map snd counts, Keys = [ for b, _ in counts -> b.Label ], Name = inert series))
        |> Chart.combine
        |> styled (title + ", by " + (match split with ChartData.ByKind -> "kind" | ChartData.ByScope -> "scope") + $" ({tokens.Length} tokens)") xTitle yTitle

let expiryTimeline (now: DateTimeOffset) (tokens: Token list) =
    let title, xTitle, yTitle = "Expiry timeline", "Validity (startAt to endAt)", "Token"
    if tokens.IsEmpty then empty title xTitle yTitle "No tokens to show"
    else
        let bars, leftOut = ChartData.timeline 30 soon (TimeSpan.FromDays 90.0) now tokens
        let group status name (color: Color) =
            bars
            |> List.filter (fun b -> b.Status = status)
            |> List.mapi (fun i b ->
                Chart.Line(x = [ b.Start.UtcDateTime; b.End.UtcDateTime ], y = [ inert b.Label; inert b.Label ], Name = name,
                           LineColor = color, LineWidth = 6.0)
                |> Chart.withTraceInfo (Name = name, ShowLegend = (i = 0), LegendGroup = name))
        let subtitle =
            if leftOut > 0 then $"{bars.Length} tokens nearest to expiry shown, {leftOut} more left out"
            else $"{bars.Length} tokens"
        [ yield! group ChartData.ExpiredBar "expired" colors.Expired
          yield! group ChartData.ExpiringSoonBar "expires within 7 days" colors.Soon
          yield! group ChartData.ActiveBar "active" colors.Active
          yield! group ChartData.NeverExpiresBar "never expires" colors.Never ]
        |> Chart.combine
        |> styled ($"{title} ({subtitle})") xTitle yTitle
        |> Chart.withShape (Shape.init (ShapeType = StyleParam.ShapeType.Line, X0 = now.UtcDateTime, X1 = now.UtcDateTime, Y0 = 0, Y1 = 1, Yref = "paper", Line = Line.init (Color = colors.Now, Width = 2.0, Dash = StyleParam.DrawingStyle.Dash)))
        |> Chart.withAnnotation (Annotation.init (X = now.UtcDateTime, Y = 1.02, YRef = "paper", Text = "now", ShowArrow = false))
        |> Chart.withMarginSize (Left = 320)

let daysUntilExpiry (now: DateTimeOffset) (tokens: Token list) =
    let title, xTitle, yTitle = "Days until expiry (tokens expiring within 90 days)", "Days left", "Tokens"
    let bins = ChartData.daysUntilExpiry (TimeSpan.FromDays 90.0) soon now tokens
    if bins |> List.sumBy (fun (_, n, _) -> n) = 0 then empty title xTitle yTitle "No token expires within 90 days"
    else
        Chart.Column(values = [ for _, n, _ in bins -> n ], Keys = [ for label, _, _ in bins -> label ], ShowLegend = false,
                     MarkerColor = Color.fromColors [ for _, _, isSoon in bins -> if isSoon then colors.Soon else colors.Active ])
        |> styled title xTitle yTitle

let roles (tokens: Token list) =
    let title, xTitle, yTitle = "Role distribution", "Role", "Role assignments"
    let columns, perType = ChartData.rolesStacked 15 tokens
    if columns.IsEmpty then empty title xTitle yTitle (if tokens.IsEmpty then "No tokens to show" else "No token holds a role")
    else
        perType
        |> List.map (fun (entityType, counts) -> Chart.StackedColumn(values = counts, Keys = List.map inert columns, Name = inert entityType))
        |> Chart.combine
        |> styled ($"{title}, by entity type ({tokens.Length} tokens)") xTitle yTitle

let staleness (now: DateTimeOffset) (tokens: Token list) =
    let title, xTitle, yTitle = "Staleness", "Time since last use", "Tokens"
    if tokens.IsEmpty then empty title xTitle yTitle "No tokens to show"
    else
        let bins, neverUsed = ChartData.staleness now tokens
        [ Chart.Column(values = List.map snd bins, Keys = List.map fst bins, Name = "used", MarkerColor = colors.Used)
          Chart.Column(values = [ neverUsed ], Keys = [ "never used" ], Name = "never used", MarkerColor = colors.NeverUsed) ]
        |> Chart.combine
        |> styled ($"{title} ({tokens.Length} tokens, {neverUsed} never used)") xTitle yTitle

let deployments (now: DateTimeOffset) (deployments: DeploymentTokens list) =
    let title, xTitle, yTitle = "Tokens per deployment", "Tokens", "Deployment"
    let names, counts, left = ChartData.byDeployment 40 now deployments
    if names.IsEmpty then empty title xTitle yTitle "No deployment holds a token"
    else
        let color = function
            | "expired" -> colors.Expired | "expiring within 7 days" -> colors.Soon | "never expires" -> colors.Never
            | "expiring within 30 days" -> Color.fromHex "#f4a261" | _ -> colors.Active
        counts
        |> List.map (fun (status, values) -> Chart.StackedBar(values = values, Keys = List.map inert names, Name = status, MarkerColor = color status))
        |> Chart.combine
        |> styled (title + $", by expiry ({names.Length} deployments" + (if left > 0 then $", {left} more not shown" else "") + ")") xTitle yTitle

let all (now: DateTimeOffset) (tokens: Token list) =
    [ "age", age ChartData.ByKind now tokens
      "expiry-timeline", expiryTimeline now tokens
      "days-until-expiry", daysUntilExpiry now tokens
      "roles", roles tokens
      "staleness", staleness now tokens ]
