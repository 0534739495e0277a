module AgentTokens.Tests.SnapshotTests

open System
open System.IO
open Expecto
open FsCheck
open FsCheck.FSharp
open AgentTokens.FSharp
open AgentTokens.Tests.FSharpGenerators

let tests =
    testList "snapshots" [
        testProperty "save then load is the identity" <|
            Prop.forAll (Arb.fromGen genSnapshot) (fun snapshot -> Snapshot.ofJson (Snapshot.toJson snapshot) = snapshot)

        testProperty "the diff of a snapshot with itself is empty" <|
            Prop.forAll (Arb.fromGen genSnapshot) (fun snapshot -> (Snapshot.diff snapshot snapshot).IsEmpty)

        test "DUs and options are written readably" {
            let json =
                Snapshot.toJson (Snapshot.capture DateTimeOffset.UnixEpoch "v1" "o" "d"
                    [ { Id = "t"; Name = "n"; Description = ""; Kind = Kind.Other "TURBO"; Type = TokenType.Workspace; ShortToken = "s"
                        CreatedAt = DateTimeOffset.UnixEpoch; UpdatedAt = DateTimeOffset.UnixEpoch; StartAt = DateTimeOffset.UnixEpoch
                        EndAt = None; ExpiryPeriodInDays = Some 30; LastUsedAt = None; LastRotatedAt = None; CreatedBy = None; UpdatedBy = None
                        Roles = [ { EntityId = "tag"; EntityType = EntityType.DagTag; Role = "r"; DeploymentId = Some "d" } ] } ])
            for expected in [ "\"kind\": \"TURBO\""; "\"type\": \"WORKSPACE\""; "\"entityType\": \"DAG_TAG\""; "\"expiryPeriodInDays\": 30"; "\"endAt\": null"; "\"deploymentId\": \"d\"" ] do
                Expect.stringContains json expected expected
        }

        test "a snapshot written to a file reads back and never holds a secret" {
            let core = Seq.exactlyOne (AgentTokens.Tests.Fixtures.readPage AgentTokens.Tests.Fixtures.seedExample).Tokens
            let core = core |> AgentTokens.Tests.Fixtures.copyWith "Token" "secret-canary-42"
            let snapshot = Snapshot.capture DateTimeOffset.UtcNow "v1" "o" "d" [ Convert.token core ]
            let path = Path.Combine(Path.GetTempPath(), sprintf "snapshot-%O.json" (Guid.NewGuid()))
            Snapshot.save path snapshot
            Expect.isFalse ((File.ReadAllText path).Contains "secret-canary-42") "no secret"
            Expect.equal (Snapshot.load path) snapshot "round trip"
            File.Delete path
        }

        test "diff: added, removed, changed with field names, newly expired" {
            let t0 = DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)
            let tokens = Gen.sample 10 genToken |> List.ofSeq |> List.mapi (fun i t -> { t with Id = sprintf "t%d" i; EndAt = None })
            let before = Snapshot.capture t0 "v1" "o" "d" tokens.[0..2]
            let renamed = { tokens.[1] with Name = tokens.[1].Name + "-renamed"; LastUsedAt = Some t0 }
            let expiring = { tokens.[2] with EndAt = Some(t0.AddDays 3.0) }
            let after = Snapshot.capture (t0.AddDays 7.0) "v1" "o" "d" [ renamed; expiring; tokens.[5] ]
            let d = Snapshot.diff before after
            Expect.equal (d.Added |> List.map (fun t -> t.Id)) [ "t5" ] "added"
            Expect.equal (d.Removed |> List.map (fun t -> t.Id)) [ "t0" ] "removed"
            Expect.equal [ for c in d.Changed -> c.After.Id, c.Fields ] [ "t1", [ "name"; "lastUsedAt" ]; "t2", [ "endAt" ] ] "changed fields"
            Expect.equal (d.NewlyExpired |> List.map (fun t -> t.Id)) [ "t2" ] "newly expired"
        }
    ]
