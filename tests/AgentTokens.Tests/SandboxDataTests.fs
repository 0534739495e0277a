/// The seeded data: deterministic, and realistic enough that charts drawn from it look like a real deployment.
module AgentTokens.Tests.SandboxDataTests

open System
open Expecto
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

let private tokens count = DataGenerator(42, fixedNow).Tokens("dep", count)

let tests =
    testList "sandbox data" [
        test "the same seed and now give the same data; another seed other data" {
            let wire (ts: SandboxToken seq) = ts |> Seq.map (fun t -> Text.Encoding.UTF8.GetString(WireFormat.Token(t, "type"))) |> List.ofSeq
            let a = tokens 300
            let b = tokens 300
            Expect.equal (wire a) (wire b) "same seed, same JSON"
            let c = DataGenerator(43, fixedNow).Tokens("dep", 300)
            Expect.notEqual (a |> Seq.map (fun t -> t.Id) |> List.ofSeq) (c |> Seq.map (fun t -> t.Id) |> List.ofSeq) "other seed"
        }

        test "a few hundred tokens cover every case an audit looks for" {
            let all = tokens 300 |> List.ofSeq
            let expired = all |> List.filter (fun t -> t.EndAt.HasValue && t.EndAt.Value <= fixedNow)
            let withinWeek = all |> List.filter (fun t -> t.EndAt.HasValue && t.EndAt.Value > fixedNow && t.EndAt.Value <= fixedNow.AddDays 7.0)
            let neverUsed = all |> List.filter (fun t -> not t.LastUsedAt.HasValue)
            let noExpiry = all |> List.filter (fun t -> not t.EndAt.HasValue)
            for name, group in [ "expired", expired; "expiring within a week", withinWeek; "never used", neverUsed; "without expiry", noExpiry ] do
                Expect.isNonEmpty group name
            Expect.equal (all |> List.map (fun t -> t.Kind) |> List.distinct |> List.sort) [ "DIRECT_ACCESS"; "STANDARD" ] "both kinds"
            Expect.equal (all |> List.map (fun t -> t.Type) |> List.distinct |> List.sort) [ "DEPLOYMENT"; "ORGANIZATION"; "WORKSPACE" ] "all types"
            let periods = all |> List.map (fun t -> t.ExpiryPeriodInDays |> Option.ofNullable) |> List.distinct |> List.sort
            Expect.equal periods [ None; Some 30; Some 90; Some 180; Some 365 ] "expiry periods"
            let roles = all |> List.collect (fun t -> List.ofSeq t.Roles)
            Expect.equal (roles |> List.map (fun r -> r.EntityType) |> List.distinct |> List.sort) [ "DAG"; "DAG_TAG"; "DEPLOYMENT"; "ORGANIZATION"; "WORKSPACE" ] "entity types"
            Expect.all (roles |> List.filter (fun r -> r.EntityType = "DAG" || r.EntityType = "DAG_TAG")) (fun r -> r.DeploymentId = "dep") "DAG roles name their deployment"
            let creators = all |> List.choose (fun t -> Option.ofObj t.CreatedBy)
            Expect.exists creators (fun c -> c.SubjectType = "USER" && not (isNull c.FullName) && not (isNull c.Username) && not (isNull c.AvatarUrl)) "users"
            Expect.exists creators (fun c -> c.SubjectType = "SERVICEKEY" && not (isNull c.ApiTokenName)) "service keys"
            let oldest = all |> List.map (fun t -> t.CreatedAt) |> List.min
            Expect.isTrue (oldest < fixedNow.AddDays -540.0 && oldest >= fixedNow.AddDays -731.0) (sprintf "creation spread over about two years (oldest %O)" oldest)
        }

        test "times are consistent: endAt = startAt + period, lastUsedAt never after now nor before start" {
            for t in tokens 1000 do
                if t.ExpiryPeriodInDays.HasValue then
                    Expect.equal t.EndAt (Nullable(t.StartAt.AddDays(float t.ExpiryPeriodInDays.Value))) "endAt"
                if t.LastUsedAt.HasValue then
                    Expect.isLessThanOrEqual t.LastUsedAt.Value fixedNow "used before now"
                    Expect.isGreaterThanOrEqual t.LastUsedAt.Value t.StartAt "used after start"
                Expect.isGreaterThanOrEqual t.UpdatedAt t.CreatedAt "updated after created"
                Expect.isTrue (t.Name.Length > 0) "a name"
        }

        testCaseTask "now is injectable: the served data is relative to it" <| fun () ->
            withSandbox (sandboxOptions 50) (fun sandbox -> task {
                Expect.equal sandbox.Now fixedNow "now"
                let! all = rawListAll sandbox "v1" []
                let lastUsed = all |> List.choose (fun t -> match t.TryGetProperty "lastUsedAt" with | true, v -> Some (v.GetDateTimeOffset()) | _ -> None)
                Expect.all lastUsed (fun u -> u <= fixedNow) "never after now"
            })
    ]
