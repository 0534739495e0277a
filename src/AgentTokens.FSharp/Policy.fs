// The promised surface and its documentation: Policy.fsi.
namespace AgentTokens.FSharp

open System
open System.Globalization

type Rule =
    | Expired
    | Expiring
    | Unused
    | Crowded

    member r.Text = match r with Expired -> "expired" | Expiring -> "expiring" | Unused -> "unused" | Crowded -> "crowded"

type Finding =
    { Rule: Rule
      DeploymentId: string
      DeploymentName: string
      TokenId: string option
      TokenName: string option
      Detail: string
      Due: DateTimeOffset option }

type Policy =
    { ExpiringWithin: TimeSpan
      UnusedFor: TimeSpan
      MaxPerDeployment: int }

[<RequireQualifiedAccess>]
module Policy =
    [<Literal>]
    let DefaultExpiringWithinDays = 14

    [<Literal>]
    let DefaultUnusedForDays = 90

    [<Literal>]
    let DefaultMaxPerDeployment = 45

    let defaults =
        { ExpiringWithin = TimeSpan.FromDays(float DefaultExpiringWithinDays)
          UnusedFor = TimeSpan.FromDays(float DefaultUnusedForDays)
          MaxPerDeployment = DefaultMaxPerDeployment }

    let private day (t: DateTimeOffset) = t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
    let private days (span: TimeSpan) = span.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)

    let tokenFindings (policy: Policy) (now: DateTimeOffset) (deployment: DeploymentInfo) (token: Token) : Finding list =
        let finding rule detail due =
            { Rule = rule; DeploymentId = deployment.Id; DeploymentName = deployment.Name; TokenId = Some token.Id
              TokenName = Some token.Name; Detail = detail; Due = due }
        [ match token.EndAt with
          | Some endAt when endAt <= now -> finding Expired ($"expired {days (now - endAt)} days ago ({day endAt})") (Some endAt)
          | Some endAt when endAt - now <= policy.ExpiringWithin -> finding Expiring ($"expires in {days (endAt - now)} days ({day endAt})") (Some endAt)
          | _ -> ()
          let lastUse = token.LastUsedAt |> Option.defaultValue token.CreatedAt
          if now - lastUse > policy.UnusedFor then
              let detail =
                  match token.LastUsedAt with
                  | Some used -> $"last used {days (now - used)} days ago ({day used})"
                  | None -> $"never used, created {days (now - token.CreatedAt)} days ago ({day token.CreatedAt})"
              finding Unused detail None ]

    let deploymentFindings (policy: Policy) (deployment: DeploymentTokens) : Finding list =
        let count = deployment.Tokens.Length
        [ if count > policy.MaxPerDeployment then
              { Rule = Crowded; DeploymentId = deployment.Deployment.Id; DeploymentName = deployment.Deployment.Name; TokenId = None; TokenName = None
                Detail = $"holds {count} tokens, more than {policy.MaxPerDeployment} (the API allows 50)"; Due = None } ]

    let private urgency (now: DateTimeOffset) (f: Finding) =
        match f.Rule, f.Due with
        | (Expired | Expiring), Some due -> 0, (due - now).Duration()
        | (Expired | Expiring), None -> 0, TimeSpan.MaxValue
        | Crowded, _ -> 1, TimeSpan.Zero
        | Unused, _ -> 2, TimeSpan.Zero

    let check (policy: Policy) (now: DateTimeOffset) (audit: Audit) : Finding list =
        audit.Deployments
        |> List.map (fun d ->
            deploymentFindings policy d @ (d.Tokens |> List.collect (tokenFindings policy now d.Deployment))
            |> List.sortBy (fun f -> urgency now f, f.TokenName))
        |> List.filter (List.isEmpty >> not)
        |> List.sortBy (fun findings -> urgency now findings.Head, findings.Head.DeploymentName)
        |> List.concat
