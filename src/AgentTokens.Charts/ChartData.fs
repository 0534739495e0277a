/// The numbers behind each chart, computed without Plotly so they can be tested on their own.
/// Large sets are aggregated or truncated here, with intent, so that no chart becomes label soup.
[<RequireQualifiedAccess>]
module AgentTokens.Charts.ChartData

open System
open AgentTokens.FSharp

/// How the age histogram splits its bars.
type AgeSplit =
    | ByKind
    | ByScope

/// Age histogram: for each series (a kind or a type), the count per age bucket, youngest bucket first.
let ageBySeries (split: AgeSplit) (now: DateTimeOffset) (tokens: Token list) : (string * (Analysis.AgeBucket * int) list) list =
    let series (t: Token) =
        match split with
        | ByKind -> t.Kind.Text
        | ByScope -> t.Scope.Text
    tokens
    |> List.groupBy series
    |> List.sortBy fst
    |> List.map (fun (name, group) -> name, Analysis.ageHistogram now group)

/// The status a timeline bar is drawn in.
type TimelineStatus =
    | ActiveBar
    | ExpiringSoonBar
    | ExpiredBar
    | NeverExpiresBar

/// One bar of the expiry timeline.
type TimelineBar = { Label: string; Start: DateTimeOffset; End: DateTimeOffset; Status: TimelineStatus }

/// The expiry timeline: at most `maxBars` tokens, those whose expiry is nearest to now (expired or not) first,
/// then never-expiring ones drawn to `now + horizon`. Returns the bars and how many tokens were left out.
let timeline (maxBars: int) (soon: TimeSpan) (horizon: TimeSpan) (now: DateTimeOffset) (tokens: Token list) =
    let label (t: Token) = sprintf "%s (%s)" t.Name (t.Id.Substring(0, min 6 t.Id.Length))
    let bar (t: Token) =
        match t.EndAt with
        | None -> { Label = label t; Start = t.StartAt; End = max (now + horizon) t.StartAt; Status = NeverExpiresBar }
        | Some e ->
            let status = if e <= now then ExpiredBar elif e - now <= soon then ExpiringSoonBar else ActiveBar
            { Label = label t; Start = t.StartAt; End = e; Status = status }
    let distance (t: Token) =
        match t.EndAt with
        | Some e -> abs (e - now).TotalDays
        | None -> Double.MaxValue
    let chosen = tokens |> List.sortBy (fun t -> distance t, t.Name, t.Id) |> List.truncate maxBars
    chosen |> List.map bar |> List.sortBy (fun b -> b.End, b.Label), tokens.Length - chosen.Length

/// Days until expiry, for tokens that expire after now and within `window`, in weekly bins: (label, count, soon?).
let daysUntilExpiry (window: TimeSpan) (soon: TimeSpan) (now: DateTimeOffset) (tokens: Token list) =
    let days = tokens |> List.choose (fun t -> t.EndAt |> Option.filter (fun e -> e > now && e <= now + window) |> Option.map (fun e -> (e - now).TotalDays))
    let binCount = int (ceil (window.TotalDays / 7.0))
    [ for bin in 0 .. binCount - 1 ->
        let low, high = float bin * 7.0, min (float (bin + 1) * 7.0) window.TotalDays
        let count = days |> List.filter (fun d -> d > low && d <= high) |> List.length
        sprintf "%g-%g" low high, count, high <= soon.TotalDays ]

/// Tokens per role, stacked by entity type: the `top` most common roles, the rest summed as "other roles".
/// Returns the role names (x axis) and, per entity type, the count for each role.
let rolesStacked (top: int) (tokens: Token list) =
    let byRole = Analysis.rolesByName tokens
    let kept = byRole |> List.truncate top |> List.map fst
    let keptSet = Set.ofList kept
    let hasOther = byRole.Length > top
    let column role = if keptSet.Contains role then role else "other roles"
    let columns = if hasOther then kept @ [ "other roles" ] else kept
    let perType =
        Analysis.rolesByNameAndEntity tokens
        |> List.groupBy (fun ((_, entityType), _) -> entityType)
        |> List.map (fun (entityType, rows) ->
            let counts =
                rows |> List.map (fun ((role, _), n) -> column role, n)
                |> List.groupBy fst |> List.map (fun (k, v) -> k, List.sumBy snd v) |> Map.ofList
            entityType.Text, [ for c in columns -> Map.tryFind c counts |> Option.defaultValue 0 ])
        |> List.sortBy fst
    columns, perType

/// Staleness bins of days since last use, and the never-used count apart.
let staleness (now: DateTimeOffset) (tokens: Token list) =
    let bins = [ "< 1 day", 0.0, 1.0; "1-7 days", 1.0, 7.0; "7-30 days", 7.0, 30.0; "30-90 days", 30.0, 90.0; "90-180 days", 90.0, 180.0; "> 180 days", 180.0, Double.MaxValue ]
    let days = tokens |> List.choose (Analysis.daysSinceLastUse now)
    let counts = [ for label, low, high in bins -> label, days |> List.filter (fun d -> d >= low && d < high) |> List.length ]
    counts, tokens |> List.filter (fun t -> t.LastUsedAt.IsNone) |> List.length

/// A deployment's line in the report's table of deployments.
type DeploymentRow =
    { Deployment: DeploymentInfo
      Tokens: int
      Expired: int
      ExpiringWithin7Days: int
      ExpiringWithin30Days: int
      NeverUsed: int
      NextExpiry: DateTimeOffset option
      /// Every token expired or expiring within 7 days: its agents stop within the week.
      AllExpireWithin7Days: bool }

/// The table of deployments: those whose every token expires within 7 days first, then by the next expiry, soonest
/// first; deployments without tokens last, listed as such (zero everywhere).
let deploymentRows (now: DateTimeOffset) (deployments: DeploymentTokens list) =
    [ for d in deployments ->
        let s = Analysis.summary now d.Tokens
        let within7 (t: Token) = t.EndAt |> Option.exists (fun e -> e <= now + TimeSpan.FromDays 7.0)
        { Deployment = d.Deployment; Tokens = s.Total; Expired = s.Expired; ExpiringWithin7Days = s.ExpiringWithin7Days
          ExpiringWithin30Days = s.ExpiringWithin30Days; NeverUsed = s.NeverUsed
          NextExpiry = d.Tokens |> List.choose (fun t -> t.EndAt |> Option.filter (fun e -> e > now)) |> List.sort |> List.tryHead
          AllExpireWithin7Days = not d.Tokens.IsEmpty && List.forall within7 d.Tokens } ]
    |> List.sortBy (fun r -> not r.AllExpireWithin7Days, r.Tokens = 0, r.NextExpiry |> Option.defaultValue DateTimeOffset.MaxValue, r.Deployment.Name)

/// The statuses a deployment's tokens are counted in, in the order they stack.
let deploymentStatuses = [ "expired"; "expiring within 7 days"; "expiring within 30 days"; "later"; "never expires" ]

/// Tokens per deployment by status, for the `top` deployments holding most tokens (the rest are left out, and
/// counted): the deployment names and, per status, the count for each.
let byDeployment (top: int) (now: DateTimeOffset) (deployments: DeploymentTokens list) =
    let status (t: Token) =
        match t.EndAt with
        | None -> "never expires"
        | Some e when e <= now -> "expired"
        | Some e when e - now <= TimeSpan.FromDays 7.0 -> "expiring within 7 days"
        | Some e when e - now <= TimeSpan.FromDays 30.0 -> "expiring within 30 days"
        | Some _ -> "later"
    let shown = deployments |> List.filter (fun d -> not d.Tokens.IsEmpty) |> List.sortByDescending (fun d -> d.Tokens.Length, d.Deployment.Name) |> List.truncate top
    let names = [ for d in shown -> d.Deployment.Name ]
    let counts = [ for s in deploymentStatuses -> s, [ for d in shown -> d.Tokens |> List.filter (fun t -> status t = s) |> List.length ] ]
    names, counts, (deployments |> List.filter (fun d -> not d.Tokens.IsEmpty) |> List.length) - shown.Length
