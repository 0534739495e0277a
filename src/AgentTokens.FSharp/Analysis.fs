// The promised surface and its documentation: Analysis.fsi.
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.Analysis

open System

let age (now: DateTimeOffset) (token: Token) : TimeSpan = now - token.CreatedAt

type AgeBucket =
    | Under7Days
    | Under30Days
    | Under90Days
    | Under180Days
    | Under365Days
    | Over365Days

    member b.Label =
        match b with
        | Under7Days -> "< 7 days"
        | Under30Days -> "7-30 days"
        | Under90Days -> "30-90 days"
        | Under180Days -> "90-180 days"
        | Under365Days -> "180-365 days"
        | Over365Days -> "> 1 year"

let ageBuckets = [ Under7Days; Under30Days; Under90Days; Under180Days; Under365Days; Over365Days ]

let ageBucketOf (age: TimeSpan) =
    match age.TotalDays with
    | d when d < 7.0 -> Under7Days
    | d when d < 30.0 -> Under30Days
    | d when d < 90.0 -> Under90Days
    | d when d < 180.0 -> Under180Days
    | d when d < 365.0 -> Under365Days
    | _ -> Over365Days

let ageBucket (now: DateTimeOffset) (token: Token) = ageBucketOf (age now token)

let ageHistogram (now: DateTimeOffset) (tokens: Token seq) : (AgeBucket * int) list =
    let counts = tokens |> Seq.countBy (ageBucket now) |> Map.ofSeq
    [ for b in ageBuckets -> b, Map.tryFind b counts |> Option.defaultValue 0 ]

let soon = TimeSpan.FromDays 7.0

type ExpiryStatus =
    | NeverExpires
    | NotYetValid of startsIn: TimeSpan
    | Active of timeLeft: TimeSpan
    | ExpiringSoon of timeLeft: TimeSpan
    | Expired of since: TimeSpan

let expiryStatus (soon: TimeSpan) (now: DateTimeOffset) (token: Token) : ExpiryStatus =
    match token.EndAt with
    | Some endAt when endAt <= now -> Expired(now - endAt)
    | _ when token.StartAt > now -> NotYetValid(token.StartAt - now)
    | None -> NeverExpires
    | Some endAt when endAt - now <= soon -> ExpiringSoon(endAt - now)
    | Some endAt -> Active(endAt - now)

let isExpired (now: DateTimeOffset) (token: Token) =
    token.EndAt |> Option.exists (fun e -> e <= now)

let expiresWithin (window: TimeSpan) (now: DateTimeOffset) (token: Token) =
    token.EndAt |> Option.exists (fun e -> e > now && e <= now + window)

type Staleness =
    | NeverUsed
    | LastUsed of ago: TimeSpan

let staleness (now: DateTimeOffset) (token: Token) =
    match token.LastUsedAt with
    | None -> NeverUsed
    | Some used -> LastUsed(now - used)

let daysSinceLastUse (now: DateTimeOffset) (token: Token) =
    token.LastUsedAt |> Option.map (fun used -> (now - used).TotalDays)

let private countDesc (pairs: seq<'K * int>) =
    pairs |> Seq.sortBy (fun (k, n) -> -n, string k) |> List.ofSeq

let rolesByName (tokens: Token seq) : (string * int) list =
    tokens |> Seq.collect (fun t -> t.Roles) |> Seq.countBy (fun r -> r.Role) |> countDesc

let rolesByEntity (tokens: Token seq) : (Entity * int) list =
    tokens |> Seq.collect (fun t -> t.Roles) |> Seq.countBy (fun r -> r.Entity) |> countDesc

let rolesByNameAndEntity (tokens: Token seq) : ((string * Entity) * int) list =
    tokens |> Seq.collect (fun t -> t.Roles) |> Seq.countBy (fun r -> r.Role, r.Entity) |> countDesc

let creators (tokens: Token seq) : (Subject * int) list =
    tokens |> Seq.choose (fun t -> t.CreatedBy) |> Seq.countBy id |> countDesc

type Summary =
    { Total: int
      Expired: int
      ExpiringWithin7Days: int
      ExpiringWithin30Days: int
      NeverUsed: int
      OlderThan90Days: int
      OlderThan365Days: int
      WithoutExpiry: int }

let summary (now: DateTimeOffset) (tokens: Token seq) : Summary =
    let tokens = List.ofSeq tokens
    let count predicate = tokens |> List.filter predicate |> List.length
    { Total = tokens.Length
      Expired = count (isExpired now)
      ExpiringWithin7Days = count (expiresWithin soon now)
      ExpiringWithin30Days = count (expiresWithin (TimeSpan.FromDays 30.0) now)
      NeverUsed = count (fun t -> t.LastUsedAt.IsNone)
      OlderThan90Days = count (fun t -> (age now t).TotalDays > 90.0)
      OlderThan365Days = count (fun t -> (age now t).TotalDays > 365.0)
      WithoutExpiry = count (fun t -> t.EndAt.IsNone) }
