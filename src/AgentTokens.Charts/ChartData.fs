// The promised surface and its documentation: ChartData.fsi.
[<RequireQualifiedAccess>]
module AgentTokens.Charts.ChartData

open System
open System.Globalization
open AgentTokens.FSharp

type AgeSplit =
    | ByKind
    | ByScope

let ageBySeries (split: AgeSplit) (now: DateTimeOffset) (tokens: Token list) : (string * (Analysis.AgeBucket * int) list) list =
    let series (t: Token) =
        match split with
        | ByKind -> t.Kind.Text
        | ByScope -> t.Scope.Text
    tokens
    |> List.groupBy series
    |> List.sortBy fst
    |> List.map (fun (name, group) -> name, Analysis.ageHistogram now group)

type TimelineStatus =
    | ActiveBar
    | ExpiringSoonBar
    | ExpiredBar
    | NeverExpiresBar

type TimelineBar = { Label: string; Start: DateTimeOffset; End: DateTimeOffset; Status: TimelineStatus }

let timeline (maxBars: int) (soon: TimeSpan) (horizon: TimeSpan) (now: DateTimeOffset) (tokens: Token list) =
    let label (t: Token) = $"{t.Name} ({t.Id.Substring(0, min 6 t.Id.Length)})"
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

let daysUntilExpiry (window: TimeSpan) (soon: TimeSpan) (now: DateTimeOffset) (tokens: Token list) =
    let days = tokens |> List.choose (fun t -> t.EndAt |> Option.filter (fun e -> e > now && e <= now + window) |> Option.map (fun e -> (e - now).TotalDays))
    let binCount = int (ceil (window.TotalDays / 7.0))
    [ for bin in 0 .. binCount - 1 ->
        let low, high = float bin * 7.0, min (float (bin + 1) * 7.0) window.TotalDays
        let count = days |> List.filter (fun d -> d > low && d <= high) |> List.length
        low.ToString(CultureInfo.InvariantCulture) + "-" + high.ToString(CultureInfo.InvariantCulture), count, high <= soon.TotalDays ]

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

let staleness (now: DateTimeOffset) (tokens: Token list) =
    let bins = [ "< 1 day", 0.0, 1.0; "1-7 days", 1.0, 7.0; "7-30 days", 7.0, 30.0; "30-90 days", 30.0, 90.0; "90-180 days", 90.0, 180.0; "> 180 days", 180.0, Double.MaxValue ]
    let days = tokens |> List.choose (Analysis.daysSinceLastUse now)
    let counts = [ for label, low, high in bins -> label, days |> List.filter (fun d -> d >= low && d < high) |> List.length ]
    counts, tokens |> List.filter (fun t -> t.LastUsedAt.IsNone) |> List.length

type DeploymentRow =
    { Deployment: DeploymentInfo
      Tokens: int
      Expired: int
      ExpiringWithin7Days: int
      ExpiringWithin30Days: int
      NeverUsed: int
      NextExpiry: DateTimeOffset option
      AllExpireWithin7Days: bool }

let deploymentRows (now: DateTimeOffset) (deployments: DeploymentTokens list) =
    [ for d in deployments ->
        let s = Analysis.summary now d.Tokens
        let within7 (t: Token) = t.EndAt |> Option.exists (fun e -> e <= now + Analysis.soon)
        { Deployment = d.Deployment; Tokens = s.Total; Expired = s.Expired; ExpiringWithin7Days = s.ExpiringWithin7Days
          ExpiringWithin30Days = s.ExpiringWithin30Days; NeverUsed = s.NeverUsed
          NextExpiry = d.Tokens |> List.choose (fun t -> t.EndAt |> Option.filter (fun e -> e > now)) |> List.sort |> List.tryHead
          AllExpireWithin7Days = not d.Tokens.IsEmpty && List.forall within7 d.Tokens } ]
    |> List.sortBy (fun r -> not r.AllExpireWithin7Days, r.Tokens = 0, r.NextExpiry |> Option.defaultValue DateTimeOffset.MaxValue, r.Deployment.Name)

let deploymentStatuses = [ "expired"; "expiring within 7 days"; "expiring within 30 days"; "later"; "never expires" ]

let byDeployment (top: int) (now: DateTimeOffset) (deployments: DeploymentTokens list) =
    let status (t: Token) =
        match t.EndAt with
        | None -> "never expires"
        | Some e when e <= now -> "expired"
        | Some e when e - now <= Analysis.soon -> "expiring within 7 days"
        | Some e when e - now <= TimeSpan.FromDays 30.0 -> "expiring within 30 days"
        | Some _ -> "later"
    let shown = deployments |> List.filter (fun d -> not d.Tokens.IsEmpty) |> List.sortByDescending (fun d -> d.Tokens.Length, d.Deployment.Name) |> List.truncate top
    let names = [ for d in shown -> d.Deployment.Name ]
    let counts = [ for s in deploymentStatuses -> s, [ for d in shown -> d.Tokens |> List.filter (fun t -> status t = s) |> List.length ] ]
    names, counts, (deployments |> List.filter (fun d -> not d.Tokens.IsEmpty) |> List.length) - shown.Length
