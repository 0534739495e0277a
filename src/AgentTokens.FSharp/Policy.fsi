namespace AgentTokens.FSharp

open System

/// A rule of the policy gate.
type Rule =
    /// endAt at or before now: the agents using it have stopped.
    | Expired
    /// endAt after now and within the policy's window: the agents stop then.
    | Expiring
    /// Last used (or created, when never used) longer ago than the policy allows.
    | Unused
    /// A deployment holding more tokens than the policy allows (the API's limit is 50).
    | Crowded

    /// The rule's name as `agent-tokens check` writes it: expired, expiring, unused, crowded.
    member Text: string

/// One finding: the rule, where, which token (none for a deployment-wide rule), and what exactly.
type Finding =
    { Rule: Rule
      DeploymentId: string
      DeploymentName: string
      TokenId: string option
      TokenName: string option
      Detail: string
      /// When the finding bites (endAt for expiry rules); the sooner, the more urgent.
      Due: DateTimeOffset option }

/// The policy: how soon an expiry counts, how long unused counts, how many tokens a deployment may hold.
type Policy =
    { ExpiringWithin: TimeSpan
      UnusedFor: TimeSpan
      MaxPerDeployment: int }

/// The policy gate's rules as pure functions of a policy, "now" and an audit.
[<RequireQualifiedAccess>]
module Policy =
    /// The default of `ExpiringWithin`, in days (also `agent-tokens check --expiring-within`'s).
    [<Literal>]
    val DefaultExpiringWithinDays: int = 14

    /// The default of `UnusedFor`, in days.
    [<Literal>]
    val DefaultUnusedForDays: int = 90

    /// The default of `MaxPerDeployment`: near the API's 50.
    [<Literal>]
    val DefaultMaxPerDeployment: int = 45

    /// 14 days, 90 days, 45 tokens (near the API's 50).
    val defaults: Policy

    /// The findings of one token at `now`: a token can have several.
    val tokenFindings: policy: Policy -> now: DateTimeOffset -> deployment: DeploymentInfo -> token: Token -> Finding list

    /// The deployment-wide finding: more tokens than the policy allows.
    val deploymentFindings: policy: Policy -> deployment: DeploymentTokens -> Finding list

    /// Every finding of an audit, grouped by deployment, the deployment with the most urgent finding first (an
    /// expiry nearest to now, past or coming, since agents stop at it; then a crowded deployment; then an unused
    /// token), and within a deployment the most urgent first.
    val check: policy: Policy -> now: DateTimeOffset -> audit: Audit -> Finding list
