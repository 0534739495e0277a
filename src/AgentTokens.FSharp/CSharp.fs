// The promised surface and its documentation: CSharp.fsi.
namespace AgentTokens.Analysis

open System
open System.Collections.Generic
open System.Runtime.CompilerServices
open System.Runtime.InteropServices
open AgentTokens
open AgentTokens.FSharp

[<Sealed>]
type PolicyFinding internal (finding: Finding) =
    member _.Rule = finding.Rule.Text
    member _.DeploymentId = finding.DeploymentId
    member _.DeploymentName = finding.DeploymentName
    member _.TokenId = Option.toObj finding.TokenId
    member _.TokenName = Option.toObj finding.TokenName
    member _.Detail = finding.Detail
    member _.Due = Option.toNullable finding.Due
    override _.ToString() =
        let token = match finding.TokenName with Some name -> " " + name | None -> ""
        finding.Rule.Text + " " + finding.DeploymentName + token + ": " + finding.Detail

[<Sealed; AbstractClass; Extension>]
type TokenAnalysis =
    static member private Of(tokens: IEnumerable<AgentToken>) =
        ArgumentNullException.ThrowIfNull tokens
        [ for t in tokens -> Convert.token t ]

    /// The core tokens whose F# view passes `keep`, in the order `key` gives.
    static member private Where(tokens: IEnumerable<AgentToken>, keep: Token -> bool, key: Token -> IComparable) : IReadOnlyList<AgentToken> =
        ArgumentNullException.ThrowIfNull tokens
        [| for t in tokens do
               let view = Convert.token t
               if keep view then yield view, t |]
        |> Array.sortBy (fst >> key)
        |> Array.map snd
        :> IReadOnlyList<AgentToken>

    [<Extension>]
    static member Summarize(tokens: IEnumerable<AgentToken>, now: DateTimeOffset) = Analysis.summary now (TokenAnalysis.Of tokens)

    [<Extension>]
    static member IsExpired(token: AgentToken, now: DateTimeOffset) =
        ArgumentNullException.ThrowIfNull token
        Analysis.isExpired now (Convert.token token)

    [<Extension>]
    static member ExpiringWithin(tokens: IEnumerable<AgentToken>, window: TimeSpan, now: DateTimeOffset) =
        TokenAnalysis.Where(tokens, Analysis.expiresWithin window now, fun t -> t.EndAt :> IComparable)

    [<Extension>]
    static member NeverUsed(tokens: IEnumerable<AgentToken>) =
        TokenAnalysis.Where(tokens, (fun t -> t.LastUsedAt.IsNone), fun t -> t.CreatedAt :> IComparable)

    [<Extension>]
    static member RoleCounts(tokens: IEnumerable<AgentToken>) : IReadOnlyList<KeyValuePair<string, int>> =
        [| for role, count in Analysis.rolesByName (TokenAnalysis.Of tokens) -> KeyValuePair(role, count) |]

    [<Extension>]
    static member CheckPolicy
        (
            deployments: IEnumerable<DeploymentAgentTokens>,
            now: DateTimeOffset,
            [<Optional; DefaultParameterValue(Policy.DefaultExpiringWithinDays)>] expiringWithinDays: int,
            [<Optional; DefaultParameterValue(Policy.DefaultUnusedForDays)>] unusedForDays: int,
            [<Optional; DefaultParameterValue(Policy.DefaultMaxPerDeployment)>] maxPerDeployment: int
        ) : IReadOnlyList<PolicyFinding> =
        ArgumentNullException.ThrowIfNull deployments
        let policy =
            { ExpiringWithin = TimeSpan.FromDays(float expiringWithinDays)
              UnusedFor = TimeSpan.FromDays(float unusedForDays)
              MaxPerDeployment = maxPerDeployment }
        let audit = Audit.ofDeployments "" deployments
        [| for finding in Policy.check policy now audit -> PolicyFinding finding |]
