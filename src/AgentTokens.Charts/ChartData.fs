/// The numbers behind each chart, computed without Plotly so they can be tested on their own.
/// Large sets are aggregated or truncated here, with intent, so that no chart becomes label soup.
[<RequireQualifiedAccess>]
module AgentTokens.Charts.ChartData

open System
open AgentTokens.FSharp

/// How the age histogram splits its bars.
type AgeSplit =
    | ByKind
    | ByType

/// Age histogram: for each series (a kind or a type), the count per age bucket, youngest bucket first.
let ageBySeries (split: AgeSplit) (now: DateTimeOffset) (tokens: Token list) : (string * (Analysis.AgeBucket * int) list) list =
    let series (t: Token) =
        match split with
        | ByKind -> Convert.kindText t.Kind
        | ByType -> Convert.tokenTypeText t.Type
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
        Analysis.rolesByNameAndEntityType tokens
        |> List.groupBy (fun ((_, entityType), _) -> entityType)
        |> List.map (fun (entityType, rows) ->
            let counts =
                rows |> List.map (fun ((role, _), n) -> column role, n)
                |> List.groupBy fst |> List.map (fun (k, v) -> k, List.sumBy snd v) |> Map.ofList
            Convert.entityTypeText entityType, [ for c in columns -> Map.tryFind c counts |> Option.defaultValue 0 ])
        |> List.sortBy fst
    columns, perType

/// Staleness bins of days since last use, and the never-used count apart.
let staleness (now: DateTimeOffset) (tokens: Token list) =
    let bins = [ "< 1 day", 0.0, 1.0; "1-7 days", 1.0, 7.0; "7-30 days", 7.0, 30.0; "30-90 days", 30.0, 90.0; "90-180 days", 90.0, 180.0; "> 180 days", 180.0, Double.MaxValue ]
    let days = tokens |> List.choose (Analysis.daysSinceLastUse now)
    let counts = [ for label, low, high in bins -> label, days |> List.filter (fun d -> d >= low && d < high) |> List.length ]
    counts, tokens |> List.filter (fun t -> t.LastUsedAt.IsNone) |> List.length
