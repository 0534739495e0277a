module AgentTokens.Tests.SnapshotTests

open System
open System.IO
open Microsoft.FSharp.Reflection
open Expecto
open FsCheck
open FsCheck.FSharp
open AgentTokens.FSharp
open AgentTokens.Tests.FSharpGenerators

let private snapshotAt (takenAt: DateTimeOffset) (tokens: Token list) = Snapshot.capture takenAt "v1" (auditOf tokens)

let tests =
    testList "snapshots" [
        testProperty "save then load is the identity" <|
            Prop.forAll (Arb.fromGen genSnapshot) (fun snapshot -> Snapshot.ofJson (Snapshot.toJson snapshot) = snapshot)

        testProperty "the diff of a snapshot with itself is empty" <|
            Prop.forAll (Arb.fromGen genSnapshot) (fun snapshot -> (Snapshot.diff snapshot snapshot).IsEmpty)

        test "unions and options are written readably, extensible values as the API writes them" {
            let json =
                Snapshot.toJson (snapshotAt DateTimeOffset.UnixEpoch
                    [ { Id = "t"; Name = "n"; Description = ""; Kind = Kind.Other "TURBO"; Scope = Scope.Workspace; ShortToken = "s"
                        CreatedAt = DateTimeOffset.UnixEpoch; UpdatedAt = DateTimeOffset.UnixEpoch; StartAt = DateTimeOffset.UnixEpoch
                        EndAt = None; ExpiryPeriodInDays = Some 30; LastUsedAt = None; LastRotatedAt = None; CreatedBy = None; UpdatedBy = None
                        Roles = [ { EntityId = "tag"; Entity = Entity.DagTag; Role = "r"; DeploymentId = Some "d" } ] } ])
            for expected in [ "\"kind\": \"TURBO\""; "\"scope\": \"WORKSPACE\""; "\"entity\": \"DAG_TAG\""; "\"expiryPeriodInDays\": 30"; "\"endAt\": null"; "\"deploymentId\": \"d\"" ] do
                Expect.stringContains json expected expected
        }

        test "a snapshot written to a file reads back and never holds a secret" {
            let core = Seq.exactlyOne (AgentTokens.Tests.Fixtures.readPage AgentTokens.Tests.Fixtures.seedExample).Tokens
            let core = core |> AgentTokens.Tests.Fixtures.copyWith "Token" "secret-canary-42"
            let snapshot = snapshotAt DateTimeOffset.UtcNow [ Tokens.ofCore core ]
            let path = Path.Combine(Path.GetTempPath(), sprintf "snapshot-%O.json" (Guid.NewGuid()))
            Snapshot.save path snapshot
            Expect.isFalse ((File.ReadAllText path).Contains "secret-canary-42") "no secret"
            Expect.equal (Snapshot.load path) snapshot "round trip"
            File.Delete path
        }

        test "diff: added, removed, changed with field names, newly expired" {
            let t0 = DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)
            let tokens = Gen.sample 10 genToken |> List.ofSeq |> List.mapi (fun i t -> { t with Id = sprintf "t%d" i; EndAt = None })
            let before = snapshotAt t0 tokens.[0..2]
            let renamed = { tokens.[1] with Name = tokens.[1].Name + "-renamed"; LastUsedAt = Some t0 }
            let expiring = { tokens.[2] with EndAt = Some(t0.AddDays 3.0) }
            let after = snapshotAt (t0.AddDays 7.0) [ renamed; expiring; tokens.[5] ]
            let d = Snapshot.diff before after
            let ids entries = entries |> List.map (fun (_, t: Token) -> t.Id)
            Expect.equal (ids d.Added) [ "t5" ] "added"
            Expect.equal (ids d.Removed) [ "t0" ] "removed"
            Expect.equal [ for c in d.Changed -> c.After.Id, List.sort c.Fields ] [ "t1", [ "lastUsedAt"; "name" ]; "t2", [ "endAt" ] ] "changed fields"
            Expect.equal (ids d.NewlyExpired) [ "t2" ] "newly expired"
        }

        test "the diff covers every field of a token, with no list of fields kept by hand" {
            let token = Gen.sample 1 genToken |> Seq.head
            let fields = FSharpType.GetRecordFields typeof<Token>
            let values = FSharpValue.GetRecordFields token
            // By the field's type: None is null at run time, so the value alone cannot tell an option's type.
            let different (kind: Type) (value: obj) : obj =
                if kind = typeof<string> then box (string value + "-changed")
                elif kind = typeof<DateTimeOffset> then box ((unbox<DateTimeOffset> value).AddDays 1.0)
                elif kind = typeof<DateTimeOffset option> then box (Some((defaultArg (unbox<DateTimeOffset option> value) DateTimeOffset.UnixEpoch).AddDays 1.0))
                elif kind = typeof<int option> then box (Some(defaultArg (unbox<int option> value) 0 + 1))
                elif kind = typeof<Kind> then box (if unbox<Kind> value = Kind.Standard then Kind.DirectAccess else Kind.Standard)
                elif kind = typeof<Scope> then box (if unbox<Scope> value = Scope.Workspace then Scope.Deployment else Scope.Workspace)
                elif kind = typeof<Subject option> then box (Some { Id = "someone-else"; Kind = None; FullName = None; Username = None; AvatarUrl = None; ApiTokenName = None })
                elif kind = typeof<Role list> then box ({ EntityId = "x"; Entity = Entity.Dag; Role = "new"; DeploymentId = None } :: unbox<Role list> value)
                else failtestf "a field of a type this test does not know how to change: %O" kind
            for i, field in Array.indexed fields do
                if field.Name <> "Id" then
                    let changed = Array.copy values
                    changed.[i] <- different field.PropertyType values.[i]
                    let other = FSharpValue.MakeRecord(typeof<Token>, changed) :?> Token
                    let name = Char.ToLowerInvariant(field.Name.[0]).ToString() + field.Name.Substring 1
                    Expect.equal (Snapshot.changedFields token other) [ name ] (sprintf "a change of %s is seen as such" field.Name)
        }
    ]
