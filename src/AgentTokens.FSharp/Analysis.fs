/// Pure analysis of tokens: age, expiry, staleness, roles, creators and a summary. "Now" is always a parameter.
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.Analysis

open System

/// How long ago a token was created.
let age (now: DateTimeOffset) (token: Token) : TimeSpan = now - token.CreatedAt

/// Age buckets for histograms, youngest first.
type AgeBucket =
    | Under7Days
    | Under30Days
    | Under90Days
    | Under180Days
    | Under365Days
    | Over365Days

    /// A label for charts, e.g. "< 30 days".
    member b.Label =
        match b with
        | Under7Days -> "< 7 days"
        | Under30Days -> "7-30 days"
        | Under90Days -> "30-90 days"
        | Under180Days -> "90-180 days"
        | Under365Days -> "180-365 days"
        | Over365Days -> "> 1 year"

/// Every bucket, youngest first.
let ageBuckets = [ Under7Days; Under30Days; Under90Days; Under180Days; Under365Days; Over365Days ]

/// The bucket of an age; each bound belongs to the older bucket (exactly 7 days is `Under30Days`).
let ageBucketOf (age: TimeSpan) =
    match age.TotalDays with
    | d when d < 7.0 -> Under7Days
    | d when d < 30.0 -> Under30Days
    | d when d < 90.0 -> Under90Days
    | d when d < 180.0 -> Under180Days
    | d when d < 365.0 -> Under365Days
    | _ -> Over365Days

/// The bucket of a token's age.
let ageBucket (now: DateTimeOffset) (token: Token) = ageBucketOf (age now token)

/// Tokens per age bucket, every bucket listed (zero included), youngest first.
let ageHistogram (now: DateTimeOffset) (tokens: Token seq) : (AgeBucket * int) list =
    let counts = tokens |> Seq.countBy (ageBucket now) |> Map.ofSeq
    [ for b in ageBuckets -> b, Map.tryFind b counts |> Option.defaultValue 0 ]

/// Where a token stands against its expiry.
type ExpiryStatus =
    /// No endAt: the token never expires.
    | NeverExpires
    /// startAt is after now.
    | NotYetValid of startsIn: TimeSpan
    /// Valid, with more than the threshold left.
    | Active of timeLeft: TimeSpan
    /// Valid, with at most the threshold left.
    | ExpiringSoon of timeLeft: TimeSpan
    /// endAt is now or earlier.
    | Expired of since: TimeSpan

/// The expiry status, with "soon" meaning at most `soon` left. A token whose endAt equals now is expired.
let expiryStatus (soon: TimeSpan) (now: DateTimeOffset) (token: Token) : ExpiryStatus =
    match token.EndAt with
    | Some endAt when endAt <= now -> Expired(now - endAt)
    | _ when token.StartAt > now -> NotYetValid(token.StartAt - now)
    | None -> NeverExpires
    | Some endAt when endAt - now <= soon -> ExpiringSoon(endAt - now)
    | Some endAt -> Active(endAt - now)

/// Whether a token is expired at `now` (endAt at or before now).
let isExpired (now: DateTimeOffset) (token: Token) =
    token.EndAt |> Option.exists (fun e -> e <= now)

/// Whether a token, valid or not yet valid, expires after now and within `window`.
let expiresWithin (window: TimeSpan) (now: DateTimeOffset) (token: Token) =
    token.EndAt |> Option.exists (fun e -> e > now && e <= now + window)

/// How long since a token was last used.
type Staleness =
    | NeverUsed
    | LastUsed of ago: TimeSpan

/// The staleness of a token at `now`.
let staleness (now: DateTimeOffset) (token: Token) =
    match token.LastUsedAt with
    | None -> NeverUsed
    | Some used -> LastUsed(now - used)

/// Days since last use, or None for a token never used.
let daysSinceLastUse (now: DateTimeOffset) (token: Token) =
    token.LastUsedAt |> Option.map (fun used -> (now - used).TotalDays)

let private countDesc (pairs: seq<'K * int>) =
    pairs |> Seq.sortBy (fun (k, n) -> -n, string k) |> List.ofSeq

/// Role assignments per role name, most common first. A token with two roles counts twice.
let rolesByName (tokens: Token seq) : (string * int) list =
    tokens |> Seq.collect (fun t -> t.Roles) |> Seq.countBy (fun r -> r.Role) |> countDesc

/// Role assignments per entity type, most common first.
let rolesByEntity (tokens: Token seq) : (Entity * int) list =
    tokens |> Seq.collect (fun t -> t.Roles) |> Seq.countBy (fun r -> r.Entity) |> countDesc

/// Role assignments per role name and entity type, most common first.
let rolesByNameAndEntity (tokens: Token seq) : ((string * Entity) * int) list =
    tokens |> Seq.collect (fun t -> t.Roles) |> Seq.countBy (fun r -> r.Role, r.Entity) |> countDesc

/// Who created tokens, and how many each, most first; tokens without a creator are left out.
let creators (tokens: Token seq) : (Subject * int) list =
    tokens |> Seq.choose (fun t -> t.CreatedBy) |> Seq.countBy id |> countDesc

/// The headline figures of an audit.
type Summary =
    { Total: int
      Expired: int
      ExpiringWithin7Days: int
      ExpiringWithin30Days: int
      NeverUsed: int
      OlderThan90Days: int
      OlderThan365Days: int
      WithoutExpiry: int }

/// The summary at `now`. "Expiring within N days" counts tokens not yet expired whose endAt is at most N days away.
let summary (now: DateTimeOffset) (tokens: Token seq) : Summary =
    let tokens = List.ofSeq tokens
    let count predicate = tokens |> List.filter predicate |> List.length
    { Total = tokens.Length
      Expired = count (isExpired now)
      ExpiringWithin7Days = count (expiresWithin (TimeSpan.FromDays 7.0) now)
      ExpiringWithin30Days = count (expiresWithin (TimeSpan.FromDays 30.0) now)
      NeverUsed = count (fun t -> t.LastUsedAt.IsNone)
      OlderThan90Days = count (fun t -> (age now t).TotalDays > 90.0)
      OlderThan365Days = count (fun t -> (age now t).TotalDays > 365.0)
      WithoutExpiry = count (fun t -> t.EndAt.IsNone) }
