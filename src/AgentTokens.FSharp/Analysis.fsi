/// Pure analysis of tokens: age, expiry, staleness, roles, creators and a summary. "Now" is always a parameter.
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.Analysis

open System

/// How long ago a token was created.
val age: now: DateTimeOffset -> token: Token -> TimeSpan

/// Age buckets for histograms, youngest first.
type AgeBucket =
    | Under7Days
    | Under30Days
    | Under90Days
    | Under180Days
    | Under365Days
    | Over365Days

    /// A label for charts, e.g. "7-30 days".
    member Label: string

/// Every bucket, youngest first.
val ageBuckets: AgeBucket list

/// The bucket of an age; each bound belongs to the older bucket (exactly 7 days is `Under30Days`).
val ageBucketOf: age: TimeSpan -> AgeBucket

/// The bucket of a token's age.
val ageBucket: now: DateTimeOffset -> token: Token -> AgeBucket

/// Tokens per age bucket, every bucket listed (zero included), youngest first.
val ageHistogram: now: DateTimeOffset -> tokens: Token seq -> (AgeBucket * int) list

/// What "expiring soon" means everywhere (the summary, the CLI's tables, the charts, the report): 7 days, the week in
/// which a deployment's agents stop if nobody rotates their token.
val soon: TimeSpan

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
val expiryStatus: soon: TimeSpan -> now: DateTimeOffset -> token: Token -> ExpiryStatus

/// Whether a token is expired at `now` (endAt at or before now).
val isExpired: now: DateTimeOffset -> token: Token -> bool

/// Whether a token, valid or not yet valid, expires after now and within `window`.
val expiresWithin: window: TimeSpan -> now: DateTimeOffset -> token: Token -> bool

/// How long since a token was last used.
type Staleness =
    | NeverUsed
    | LastUsed of ago: TimeSpan

/// The staleness of a token at `now`.
val staleness: now: DateTimeOffset -> token: Token -> Staleness

/// Days since last use, or None for a token never used.
val daysSinceLastUse: now: DateTimeOffset -> token: Token -> float option

/// Role assignments per role name, most common first. A token with two roles counts twice.
val rolesByName: tokens: Token seq -> (string * int) list

/// Role assignments per entity type, most common first.
val rolesByEntity: tokens: Token seq -> (Entity * int) list

/// Role assignments per role name and entity type, most common first.
val rolesByNameAndEntity: tokens: Token seq -> ((string * Entity) * int) list

/// Who created tokens, and how many each, most first; tokens without a creator are left out.
val creators: tokens: Token seq -> (Subject * int) list

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
val summary: now: DateTimeOffset -> tokens: Token seq -> Summary
