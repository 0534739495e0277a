namespace AgentTokens.Analysis

open System
open System.Collections.Generic
open System.Runtime.CompilerServices
open System.Runtime.InteropServices
open AgentTokens

/// One finding of the policy gate, shaped for C#: the same finding as `AgentTokens.FSharp.Finding`, with nulls where
/// F# has options and the rule as its text ("expired", "expiring", "unused", "crowded").
[<Sealed>]
type PolicyFinding =
    /// "expired", "expiring", "unused" or "crowded" (the text `agent-tokens check` prints).
    member Rule: string
    /// The deployment's ID.
    member DeploymentId: string
    /// The deployment's name.
    member DeploymentName: string
    /// The token's ID; null for a finding about the whole deployment ("crowded").
    member TokenId: string
    /// The token's name; null for a finding about the whole deployment ("crowded").
    member TokenName: string
    /// What was found, in words (e.g. "expires in 3 days (2026-12-05)").
    member Detail: string
    /// When the token expires or expired, for "expired" and "expiring"; null otherwise.
    member Due: Nullable<DateTimeOffset>
    /// `rule deployment token: detail`.
    override ToString: unit -> string

/// Analysis and the policy gate for C# callers, over the core's own `AgentToken` and `DeploymentAgentTokens`
/// (`using AgentTokens.Analysis;`). Each method is the F# layer's function (`Analysis`, `Policy`) under a C# name:
/// "now" is always a parameter, so the same tokens give the same answer all day.
[<Sealed; AbstractClass; Extension>]
type TokenAnalysis =
    /// The headline figures: total, expired, expiring within 7 and 30 days, never used, older than 90 and 365 days,
    /// without expiry. "Expiring within N days" counts tokens not yet expired whose endAt is at most N days away.
    [<Extension>]
    static member Summarize: tokens: IEnumerable<AgentToken> * now: DateTimeOffset -> AgentTokens.FSharp.Analysis.Summary

    /// Whether the token is expired at `now` (its endAt at or before now).
    [<Extension>]
    static member IsExpired: token: AgentToken * now: DateTimeOffset -> bool

    /// The tokens that expire after now and within `window`, nearest expiry first.
    [<Extension>]
    static member ExpiringWithin: tokens: IEnumerable<AgentToken> * window: TimeSpan * now: DateTimeOffset -> IReadOnlyList<AgentToken>

    /// The tokens never used (no lastUsedAt), oldest first.
    [<Extension>]
    static member NeverUsed: tokens: IEnumerable<AgentToken> -> IReadOnlyList<AgentToken>

    /// Role assignments per role name, most common first (a token with two roles counts twice).
    [<Extension>]
    static member RoleCounts: tokens: IEnumerable<AgentToken> -> IReadOnlyList<KeyValuePair<string, int>>

    /// The policy gate of `agent-tokens check` over deployments and their tokens (what
    /// `ListOrganizationDeploymentsAsync` yields): expired tokens, tokens expiring within `expiringWithinDays` (default
    /// 14), tokens unused for more than `unusedForDays` (default 90; creation counts for a token never used), and
    /// deployments holding more than `maxPerDeployment` tokens (default 45, near the API's 50). Most urgent first.
    [<Extension>]
    static member CheckPolicy:
        deployments: IEnumerable<DeploymentAgentTokens> *
        now: DateTimeOffset *
        [<Optional; DefaultParameterValue(AgentTokens.FSharp.Policy.DefaultExpiringWithinDays)>] expiringWithinDays: int *
        [<Optional; DefaultParameterValue(AgentTokens.FSharp.Policy.DefaultUnusedForDays)>] unusedForDays: int *
        [<Optional; DefaultParameterValue(AgentTokens.FSharp.Policy.DefaultMaxPerDeployment)>] maxPerDeployment: int
            -> IReadOnlyList<PolicyFinding>
