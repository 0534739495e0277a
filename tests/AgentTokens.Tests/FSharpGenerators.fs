/// FsCheck generators of F# tokens and snapshots.
module AgentTokens.Tests.FSharpGenerators

open System
open FsCheck
open FsCheck.FSharp
open AgentTokens.FSharp

let private epoch = DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)
let private time = Gen.choose (0, 1000 * 86_400) |> Gen.map (fun s -> epoch.AddSeconds(float s))
let private text = Gen.elements [ "a"; "prod-etl"; "ünï"; ""; "x y"; "\"quoted\"" ]

let genEntityType =
    Gen.elements [ Entity.Deployment; Entity.Workspace; Entity.Organization; Entity.Dag; Entity.DagTag; Entity.Other "TEAM" ]

let genRole =
    gen {
        let! entityType = genEntityType
        let! role = Gen.elements [ "DEPLOYMENT_ADMIN"; "WORKSPACE_MEMBER"; "DAG_VIEWER"; "custom role" ]
        let! dep = Gen.optionOf (Gen.constant "dep")
        return { EntityId = "e1"; Entity = entityType; Role = role; DeploymentId = dep }
    }

let genSubject =
    gen {
        let! id = Gen.elements [ "u1"; "u2"; "k1" ]
        let! subjectType = Gen.optionOf (Gen.elements [ SubjectKind.User; SubjectKind.ServiceKey; SubjectKind.Other "ROBOT" ])
        let! name = Gen.optionOf text
        return { Id = id; Kind = subjectType; FullName = name; Username = None; AvatarUrl = None; ApiTokenName = Some "ci" }
    }

let genToken =
    gen {
        let! id = Gen.choose (1, 1_000_000) |> Gen.map (sprintf "cl%07d")
        let! name = text
        let! kind = Gen.elements [ Kind.Standard; Kind.DirectAccess; Kind.Other "FUTURE" ]
        let! tokenType = Gen.elements [ Scope.Deployment; Scope.Workspace; Scope.Organization; Scope.Other "NEW" ]
        let! created = time
        let! period = Gen.optionOf (Gen.elements [ 1; 30; 90; 365 ])
        let! used = Gen.optionOf time
        let! rotated = Gen.optionOf time
        let! by = Gen.optionOf genSubject
        let! roles = Gen.listOf genRole |> Gen.map (List.truncate 4)
        return
            { Id = id; Name = name; Description = name; Kind = kind; Scope = tokenType; ShortToken = "astro_x"
              CreatedAt = created; UpdatedAt = created; StartAt = created
              EndAt = period |> Option.map (fun d -> created.AddDays(float d)); ExpiryPeriodInDays = period
              LastUsedAt = used; LastRotatedAt = rotated; CreatedBy = by; UpdatedBy = by; Roles = roles }
    }

let genTokens = Gen.listOf genToken |> Gen.map (List.truncate 30 >> List.distinctBy (fun t -> t.Id))

/// An audit of one deployment ("dep" of "org") holding `tokens`.
let auditOf (tokens: Token list) : Audit =
    { OrganizationId = "org"; Deployments = [ { Deployment = { Id = "dep"; Name = "dep"; WorkspaceId = None; RemoteExecution = true }; Tokens = tokens } ]; Skipped = [] }

let genSnapshot =
    gen {
        let! takenAt = time
        let! tokens = genTokens
        return Snapshot.capture takenAt "v1" (auditOf tokens)
    }

let genNow = time
