module AgentTokens.Tests.AnalysisTests

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open AgentTokens.FSharp
open AgentTokens.Tests.FSharpGenerators

let private now = DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)

let private token (f: Token -> Token) =
    f { Id = "t"; Name = "n"; Description = ""; Kind = Kind.Standard; Scope = Scope.Deployment; ShortToken = "s"
        CreatedAt = now.AddDays -10.0; UpdatedAt = now.AddDays -10.0; StartAt = now.AddDays -10.0
        EndAt = None; ExpiryPeriodInDays = None; LastUsedAt = None; LastRotatedAt = None
        CreatedBy = None; UpdatedBy = None; Roles = [] }

let private week = TimeSpan.FromDays 7.0
let private role name entityType = { EntityId = "e"; Entity = entityType; Role = name; DeploymentId = None }

let tests =
    testList "analysis" [
        testList "expiry at the boundaries" [
            test "endAt exactly now is expired" {
                Expect.equal (Analysis.expiryStatus week now (token (fun t -> { t with EndAt = Some now }))) (Analysis.Expired TimeSpan.Zero) "expired"
                Expect.isTrue (Analysis.isExpired now (token (fun t -> { t with EndAt = Some now }))) "isExpired"
            }
            test "endAt one tick after now is expiring soon" {
                let t = token (fun t -> { t with EndAt = Some(now.AddTicks 1L) })
                Expect.equal (Analysis.expiryStatus week now t) (Analysis.ExpiringSoon(TimeSpan.FromTicks 1L)) "soon"
            }
            test "endAt exactly at the threshold is soon; a tick later is active" {
                Expect.equal (Analysis.expiryStatus week now (token (fun t -> { t with EndAt = Some(now + week) }))) (Analysis.ExpiringSoon week) "soon"
                Expect.equal (Analysis.expiryStatus week now (token (fun t -> { t with EndAt = Some((now + week).AddTicks 1L) }))) (Analysis.Active(week + TimeSpan.FromTicks 1L)) "active"
            }
            test "no endAt never expires" {
                Expect.equal (Analysis.expiryStatus week now (token id)) Analysis.NeverExpires "never"
            }
            test "startAt in the future is not yet valid, with or without an end" {
                let future = token (fun t -> { t with StartAt = now.AddDays 2.0; EndAt = Some(now.AddDays 32.0) })
                Expect.equal (Analysis.expiryStatus week now future) (Analysis.NotYetValid(TimeSpan.FromDays 2.0)) "not yet"
                let noEnd = token (fun t -> { t with StartAt = now.AddDays 1.0 })
                Expect.equal (Analysis.expiryStatus week now noEnd) (Analysis.NotYetValid(TimeSpan.FromDays 1.0)) "not yet, no end"
            }
        ]

        test "staleness: lastUsedAt absent is never used; otherwise time since" {
            Expect.equal (Analysis.staleness now (token id)) Analysis.NeverUsed "never"
            Expect.equal (Analysis.staleness now (token (fun t -> { t with LastUsedAt = Some(now.AddDays -3.0) }))) (Analysis.LastUsed(TimeSpan.FromDays 3.0)) "3 days"
            Expect.equal (Analysis.daysSinceLastUse now (token id)) None "no days"
        }

        test "age buckets: each bound belongs to the older bucket" {
            Expect.equal (Analysis.ageBucketOf (TimeSpan.FromDays 7.0 - TimeSpan.FromTicks 1L)) Analysis.Under7Days "just under 7"
            Expect.equal (Analysis.ageBucketOf (TimeSpan.FromDays 7.0)) Analysis.Under30Days "exactly 7"
            Expect.equal (Analysis.ageBucketOf (TimeSpan.FromDays 365.0)) Analysis.Over365Days "exactly 365"
            Expect.equal (Analysis.age now (token id)) (TimeSpan.FromDays 10.0) "age"
        }

        test "roles: a token with no roles counts nowhere; DAG and DAG_TAG roles count by entity type" {
            let tokens =
                [ token id
                  token (fun t -> { t with Roles = [ role "DAG_VIEWER" Entity.Dag; role "DAG_VIEWER" Entity.DagTag ] })
                  token (fun t -> { t with Roles = [ role "DEPLOYMENT_ADMIN" Entity.Deployment; role "DAG_VIEWER" Entity.Dag ] }) ]
            Expect.equal (Analysis.rolesByName tokens) [ "DAG_VIEWER", 3; "DEPLOYMENT_ADMIN", 1 ] "by name"
            Expect.equal (Analysis.rolesByEntity tokens) [ Entity.Dag, 2; Entity.DagTag, 1; Entity.Deployment, 1 ] "by entity type"
            Expect.equal (Analysis.rolesByNameAndEntity tokens) [ ("DAG_VIEWER", Entity.Dag), 2; ("DAG_VIEWER", Entity.DagTag), 1; ("DEPLOYMENT_ADMIN", Entity.Deployment), 1 ] "by both"
        }

        test "creators: users and service keys with their counts" {
            let user = { Id = "u"; Kind = Some SubjectKind.User; FullName = Some "Jane Doe"; Username = None; AvatarUrl = None; ApiTokenName = None }
            let key = { user with Id = "k"; Kind = Some SubjectKind.ServiceKey; FullName = None; ApiTokenName = Some "ci" }
            let tokens = [ token (fun t -> { t with CreatedBy = Some user }); token (fun t -> { t with CreatedBy = Some key }); token (fun t -> { t with CreatedBy = Some user }); token id ]
            Expect.equal (Analysis.creators tokens) [ user, 2; key, 1 ] "counts"
            Expect.equal (fst (Analysis.creators tokens).[1]).DisplayName "ci" "display name"
        }

        test "the summary counts each headline" {
            let tokens =
                [ token (fun t -> { t with EndAt = Some now })                                     // expired
                  token (fun t -> { t with EndAt = Some(now.AddDays 3.0); LastUsedAt = Some now })  // within 7 and 30
                  token (fun t -> { t with EndAt = Some(now.AddDays 20.0); LastUsedAt = Some now }) // within 30
                  token (fun t -> { t with CreatedAt = now.AddDays -100.0; LastUsedAt = Some now })  // old, no expiry
                  token (fun t -> { t with CreatedAt = now.AddDays -400.0 }) ]                       // very old, never used
            let s = Analysis.summary now tokens
            Expect.equal s { Total = 5; Expired = 1; ExpiringWithin7Days = 1; ExpiringWithin30Days = 2; NeverUsed = 2
                             OlderThan90Days = 2; OlderThan365Days = 1; WithoutExpiry = 2 } "summary"
        }

        testProperty "role distribution counts sum to the number of role assignments" <|
            Prop.forAll (Arb.fromGen genTokens) (fun tokens ->
                let assignments = tokens |> List.sumBy (fun t -> t.Roles.Length)
                (Analysis.rolesByName tokens |> List.sumBy snd) = assignments
                && (Analysis.rolesByEntity tokens |> List.sumBy snd) = assignments
                && (Analysis.rolesByNameAndEntity tokens |> List.sumBy snd) = assignments)

        testProperty "age bucket counts sum to the number of tokens" <|
            Prop.forAll (Arb.fromGen (Gen.zip genNow genTokens)) (fun (now, tokens) ->
                (Analysis.ageHistogram now tokens |> List.sumBy snd) = tokens.Length)

        testProperty "every token has exactly one expiry status consistent with isExpired" <|
            Prop.forAll (Arb.fromGen (Gen.zip genNow genTokens)) (fun (now, tokens) ->
                tokens |> List.forall (fun t ->
                    match Analysis.expiryStatus week now t with
                    | Analysis.Expired _ -> Analysis.isExpired now t
                    | _ -> not (Analysis.isExpired now t)))
    ]
