/// Plotly.NET charts of agent tokens. Each has a title and axis titles, is sized for 1200x800, shows an
/// empty state (a message, not an exception) for 0 tokens, and stays readable at 10,000 tokens.
[<RequireQualifiedAccess>]
module AgentTokens.Charts.TokenCharts

open System
open Plotly.NET
open AgentTokens.FSharp

/// The width every chart is laid out for (1200).
val width: int

/// The height every chart is laid out for (800).
val height: int

/// What "expiring soon" means in the charts: 7 days.
val soon: TimeSpan

/// The empty state: the chart's titles and a message in the middle.
val empty: title: string -> xTitle: string -> yTitle: string -> message: string -> GenericChart

/// Token age: a stacked histogram over the age buckets, one colour per kind (or scope).
val age: split: ChartData.AgeSplit -> now: DateTimeOffset -> tokens: Token list -> GenericChart

/// Expiry timeline: a bar per token from startAt to endAt, the 30 nearest to expiry (so labels stay readable);
/// expired in red, expiring within 7 days in amber, never-expiring in grey (drawn to 90 days ahead), "now" marked.
val expiryTimeline: now: DateTimeOffset -> tokens: Token list -> GenericChart

/// Days until expiry for tokens expiring within 90 days, in weekly bins; the first week stands out.
val daysUntilExpiry: now: DateTimeOffset -> tokens: Token list -> GenericChart

/// Tokens per role, stacked by entity type: the 15 most common roles, the rest as "other roles".
val roles: tokens: Token list -> GenericChart

/// Days since last use, with never-used tokens counted apart.
val staleness: now: DateTimeOffset -> tokens: Token list -> GenericChart

/// Tokens per deployment, stacked by expiry status (the 40 deployments holding most tokens).
val deployments: now: DateTimeOffset -> deployments: DeploymentTokens list -> GenericChart

/// Every chart of the report, in order, with a short name for each.
val all: now: DateTimeOffset -> tokens: Token list -> (string * GenericChart) list
