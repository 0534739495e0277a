/// The rules of `agent-tokens check` as pure functions, at their boundaries, with a fake "now".
module AgentTokens.Tests.PolicyTests

open System
open Expecto
open AgentTokens.FSharp

let private now = DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)
let private deployment = { Id = "dep"; Name = "prod-etl"; WorkspaceId = Some "ws"; RemoteExecution = true }

/// A token created 10 days ago, used an hour ago, that never expires; `change` makes it what a test needs.
let private token (change: Token -> Token) =
    change
        { Id = "t"; Name = "pool"; Description = ""; Kind = Kind.Standard; Scope = Scope.Deployment; ShortToken = "s"
          CreatedAt = now.AddDays -10.0; UpdatedAt = now.AddDays -10.0; StartAt = now.AddDays -10.0; EndAt = None
          ExpiryPeriodInDays = None; LastUsedAt = Some(now.AddHours -1.0); LastRotatedAt = None; CreatedBy = None; UpdatedBy = None; Roles = [] }

let private rules (t: Token) = Policy.tokenFindings Policy.defaults now deployment t |> List.map (fun f -> f.Rule)

let tests =
    testList "policy (pure)" [
        test "expired: endAt at or before now" {
            Expect.equal (rules (token (fun t -> { t with EndAt = Some now }))) [ Expired ] "at now"
            Expect.equal (rules (token (fun t -> { t with EndAt = Some(now.AddSeconds -1.0) }))) [ Expired ] "before now"
            Expect.notEqual (rules (token (fun t -> { t with EndAt = Some(now.AddSeconds 1.0) }))) [ Expired ] "a second later is not expired"
        }

        test "expiring: after now and at most the window ahead (14 days by default)" {
            Expect.equal (rules (token (fun t -> { t with EndAt = Some(now.AddDays 14.0) }))) [ Expiring ] "exactly 14 days"
            Expect.equal (rules (token (fun t -> { t with EndAt = Some(now.AddDays(14.0).AddSeconds 1.0) }))) [] "a second more is fine"
            Expect.equal (rules (token (fun t -> { t with EndAt = Some(now.AddSeconds 1.0) }))) [ Expiring ] "a second ahead"
            let narrow = { Policy.defaults with ExpiringWithin = TimeSpan.FromDays 3.0 }
            Expect.isEmpty (Policy.tokenFindings narrow now deployment (token (fun t -> { t with EndAt = Some(now.AddDays 4.0) }))) "the window is the policy's"
        }

        test "unused: the last use (or the creation, never used) more than 90 days ago" {
            Expect.equal (rules (token (fun t -> { t with LastUsedAt = Some(now.AddDays -90.0) }))) [] "exactly 90 days is not more"
            Expect.equal (rules (token (fun t -> { t with LastUsedAt = Some(now.AddDays(-90.0).AddSeconds -1.0) }))) [ Unused ] "a second more"
            Expect.equal (rules (token (fun t -> { t with LastUsedAt = None; CreatedAt = now.AddDays -91.0 }))) [ Unused ] "never used, created 91 days ago"
            Expect.equal (rules (token (fun t -> { t with LastUsedAt = None; CreatedAt = now.AddDays -89.0 }))) [] "never used, but new"
        }

        test "a token can have several findings" {
            let both = token (fun t -> { t with EndAt = Some(now.AddDays -2.0); LastUsedAt = Some(now.AddDays -200.0) })
            Expect.equal (rules both) [ Expired; Unused ] "expired and unused"
        }

        test "crowded: a deployment holding more than the limit (45 by default), with no token named" {
            let holding n = { Deployment = deployment; Tokens = List.replicate n (token id) }
            Expect.isEmpty (Policy.deploymentFindings Policy.defaults (holding 45)) "45 is allowed"
            match Policy.deploymentFindings Policy.defaults (holding 46) with
            | [ f ] ->
                Expect.equal (f.Rule, f.TokenId, f.TokenName) (Crowded, None, None) "no token"
                Expect.stringContains f.Detail "46" "says how many"
            | other -> failtestf "expected one finding, got %A" other
        }

        test "findings come grouped by deployment, the most urgent deployment first" {
            let quiet = { Deployment = { deployment with Id = "a"; Name = "a-quiet" }; Tokens = [ token (fun t -> { t with LastUsedAt = None; CreatedAt = now.AddDays -400.0 }) ] }
            let stopping = { Deployment = { deployment with Id = "b"; Name = "b-stopping" }; Tokens = [ token (fun t -> { t with Id = "x"; EndAt = Some(now.AddDays 2.0) }) ] }
            let fine = { Deployment = { deployment with Id = "c"; Name = "c-fine" }; Tokens = [ token id ] }
            let findings = Policy.check Policy.defaults now { OrganizationId = "o"; Deployments = [ quiet; stopping; fine ]; Skipped = [] }
            Expect.equal [ for f in findings -> f.DeploymentName, f.Rule ] [ "b-stopping", Expiring; "a-quiet", Unused ] "expiring first, no line for a deployment without findings"
        }
    ]
