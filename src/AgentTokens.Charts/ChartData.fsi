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

/// Age histogram: for each series (a kind or a scope), the count per age bucket, youngest bucket first.
val ageBySeries: split: AgeSplit -> now: DateTimeOffset -> tokens: Token list -> (string * (Analysis.AgeBucket * int) list) list

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
val timeline:
    maxBars: int -> soon: TimeSpan -> horizon: TimeSpan -> now: DateTimeOffset -> tokens: Token list -> TimelineBar list * int

/// Days until expiry, for tokens that expire after now and within `window`, in weekly bins: (label, count, soon?).
val daysUntilExpiry: window: TimeSpan -> soon: TimeSpan -> now: DateTimeOffset -> tokens: Token list -> (string * int * bool) list

/// Tokens per role, stacked by entity type: the `top` most common roles, the rest summed as "other roles".
/// Returns the role names (x axis) and, per entity type, the count for each role.
val rolesStacked: top: int -> tokens: Token list -> string list * (string * int list) list

/// Staleness bins of days since last use, and the never-used count apart.
val staleness: now: DateTimeOffset -> tokens: Token list -> (string * int) list * int

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
val deploymentRows: now: DateTimeOffset -> deployments: DeploymentTokens list -> DeploymentRow list

/// The statuses a deployment's tokens are counted in, in the order they stack.
val deploymentStatuses: string list

/// Tokens per deployment by status, for the `top` deployments holding most tokens: the deployment names, per status
/// the count for each, and how many deployments holding tokens were left out.
val byDeployment: top: int -> now: DateTimeOffset -> deployments: DeploymentTokens list -> string list * (string * int list) list * int
