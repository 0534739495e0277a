namespace AgentTokens.FSharp

open System
open System.Globalization

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
    member r.Text = match r with Expired -> "expired" | Expiring -> "expiring" | Unused -> "unused" | Crowded -> "crowded"

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
    /// 14 days, 90 days, 45 tokens (near the API's 50).
    let defaults = { ExpiringWithin = TimeSpan.FromDays 14.0; UnusedFor = TimeSpan.FromDays 90.0; MaxPerDeployment = 45 }

    let private day (t: DateTimeOffset) = t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
    let private days (span: TimeSpan) = span.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)

    /// The findings of one token at `now`: a token can have several.
    let tokenFindings (policy: Policy) (now: DateTimeOffset) (deployment: DeploymentInfo) (token: Token) : Finding list =
        let finding rule detail due =
            { Rule = rule; DeploymentId = deployment.Id; DeploymentName = deployment.Name; TokenId = Some token.Id
              TokenName = Some token.Name; Detail = detail; Due = due }
        [ match token.EndAt with
          | Some endAt when endAt <= now -> finding Expired (sprintf "expired %s days ago (%s)" (days (now - endAt)) (day endAt)) (Some endAt)
          | Some endAt when endAt - now <= policy.ExpiringWithin -> finding Expiring (sprintf "expires in %s days (%s)" (days (endAt - now)) (day endAt)) (Some endAt)
          | _ -> ()
          let lastUse = token.LastUsedAt |> Option.defaultValue token.CreatedAt
          if now - lastUse > policy.UnusedFor then
              let detail =
                  match token.LastUsedAt with
                  | Some used -> sprintf "last used %s days ago (%s)" (days (now - used)) (day used)
                  | None -> sprintf "never used, created %s days ago (%s)" (days (now - token.CreatedAt)) (day token.CreatedAt)
              finding Unused detail None ]

    /// The deployment-wide finding: more tokens than the policy allows.
    let deploymentFindings (policy: Policy) (deployment: DeploymentTokens) : Finding list =
        let count = deployment.Tokens.Length
        [ if count > policy.MaxPerDeployment then
              { Rule = Crowded; DeploymentId = deployment.Deployment.Id; DeploymentName = deployment.Deployment.Name; TokenId = None; TokenName = None
                Detail = sprintf "holds %d tokens, more than %d (the API allows 50)" count policy.MaxPerDeployment; Due = None } ]

    /// How urgent a finding is, lower first: an expiry (past or coming) the nearer to now the more urgent, since
    /// agents stop at it; then a crowded deployment; then an unused token.
    let private urgency (now: DateTimeOffset) (f: Finding) =
        match f.Rule, f.Due with
        | (Expired | Expiring), Some due -> 0, (due - now).Duration()
        | (Expired | Expiring), None -> 0, TimeSpan.MaxValue
        | Crowded, _ -> 1, TimeSpan.Zero
        | Unused, _ -> 2, TimeSpan.Zero

    /// Every finding of an audit, grouped by deployment, the deployment with the most urgent finding first (an
    /// expiry nearest to now), and within a deployment the most urgent first.
    let check (policy: Policy) (now: DateTimeOffset) (audit: Audit) : Finding list =
        audit.Deployments
        |> List.map (fun d ->
            deploymentFindings policy d @ (d.Tokens |> List.collect (tokenFindings policy now d.Deployment))
            |> List.sortBy (fun f -> urgency now f, f.TokenName))
        |> List.filter (List.isEmpty >> not)
        |> List.sortBy (fun findings -> urgency now findings.Head, findings.Head.DeploymentName)
        |> List.concat
