module AgentTokens.Tests.ModelJsonTests

open System
open System.Text.Json
open Expecto
open FsCheck
open FsCheck.FSharp
open AgentTokens
open AgentTokens.Tests.Fixtures

/// FsCheck generator of tokens with every field varied, secrets included.
let private genToken : Gen<AgentToken> =
    gen {
        let! id = Gen.elements [ "clm1"; "a/b"; "ü é"; "x\"y" ]
        let! name = ArbMap.defaults |> ArbMap.generate<NonNull<string>>
        let! kind = Gen.elements [ TokenKind.Standard; TokenKind.DirectAccess; TokenKind("FUTURE_KIND") ]
        let! typ = Gen.elements [ TokenScope.Deployment; TokenScope.Workspace; TokenScope("NEW") ]
        let! seconds = Gen.choose (0, 100_000_000)
        let! endDays = Gen.elements [ None; Some 30; Some 365 ]
        let! used = Gen.elements [ None; Some 5 ]
        let! roleCount = Gen.choose (0, 3)
        let! secret = Gen.elements [ None; Some "secret-value" ]
        let created = DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(float seconds)
        let role i =
            TokenRole(EntityId = sprintf "e%d" i, EntityType = (if i % 2 = 0 then EntityType.Dag else EntityType.DagTag),
                      Role = "DEPLOYMENT_ADMIN", DeploymentId = "dep")
        return
            AgentToken(
                Id = id, Name = name.Get, Description = "d", Kind = kind, Scope = typ, ShortToken = "short",
                Token = Option.toObj secret, CreatedAt = created, UpdatedAt = created.AddDays 1.0, StartAt = created,
                EndAt = (endDays |> Option.map (fun d -> created.AddDays(float d)) |> Option.toNullable),
                ExpiryPeriodInDays = Option.toNullable endDays,
                LastUsedAt = (used |> Option.map (fun d -> created.AddDays(float d)) |> Option.toNullable),
                CreatedBy = SubjectProfile(Id = "u1", SubjectType = SubjectType.ServiceKey, ApiTokenName = "ci"),
                Roles = [| for i in 1..roleCount -> role i |])
    }

let tests =
    testList "model JSON" [
        test "the seed page's example reads with every field" {
            let page = readPage seedExample
            Expect.equal (page.Limit, page.Offset, page.TotalCount) (10, 0, 100) "paging fields"
            let token = Seq.exactlyOne page.Tokens
            Expect.equal token.Id "clm8q7f6q000008lcgyougpsk" "id"
            Expect.equal token.Kind TokenKind.Standard "kind"
            Expect.equal token.Scope TokenScope.Workspace "scope"
            Expect.equal token.ExpiryPeriodInDays (Nullable 30) "expiry period"
            Expect.equal token.EndAt (Nullable(utc "2022-11-22T04:37:12Z")) "endAt"
            Expect.equal token.Token "token" "the secret is reachable through its property"
            Expect.equal token.CreatedBy.SubjectType SubjectType.User "subject type"
            Expect.equal token.UpdatedBy.FullName "Jane Doe" "updatedBy"
            let role = Seq.exactlyOne token.Roles
            Expect.equal (role.EntityType, role.Role, role.DeploymentId) (EntityType.Workspace, "WORKSPACE_MEMBER", "clm8t5u4q000008jq4qoc3031") "role"
        }

        test "every optional field absent reads as null, roles as empty" {
            let token = readToken (minimalToken "type")
            Expect.isNull (box token.Token) "token"
            Expect.isFalse token.EndAt.HasValue "endAt"
            Expect.isFalse token.LastUsedAt.HasValue "lastUsedAt"
            Expect.isFalse token.LastRotatedAt.HasValue "lastRotatedAt"
            Expect.isFalse token.ExpiryPeriodInDays.HasValue "expiryPeriodInDays"
            Expect.isNull (box token.CreatedBy) "createdBy"
            Expect.isEmpty token.Roles "roles"
        }

        test "roles: null reads as an empty list" {
            let token = readToken ((minimalToken "type").TrimEnd('}') + ",\"roles\":null}")
            Expect.isEmpty token.Roles "roles"
        }

        test "scope (/v1) and type (v1beta1) are both read as the scope; only scope is written" {
            for field in [ "scope"; "type" ] do
                let token = readToken (minimalToken field)
                Expect.equal token.Scope TokenScope.Deployment (field + " read")
                Expect.stringContains (writeToken token) "\"scope\"" "written as scope"
                Expect.isFalse ((writeToken token).Contains "\"type\"") "the deprecated name is never written"
        }

        test "a token with neither type nor scope is refused" {
            let json = (minimalToken "type").Replace("\"type\":\"DEPLOYMENT\",", "")
            Expect.throwsT<JsonException> (fun () -> readToken json |> ignore) "no type"
        }

        test "unknown enum values are kept as they came" {
            let json =
                (minimalToken "type").Replace("STANDARD", "SUPER_TOKEN").Replace("DEPLOYMENT", "CLUSTER").TrimEnd('}')
                + ""","roles":[{"entityId":"x","entityType":"TEAM","role":"my-custom-role"}],"createdBy":{"id":"u","subjectType":"ROBOT"}}"""
            let token = readToken json
            Expect.equal token.Kind.Value "SUPER_TOKEN" "kind"
            Expect.isFalse token.Kind.IsKnown "unknown kind"
            Expect.equal token.Scope.Value "CLUSTER" "scope"
            Expect.equal (Seq.head token.Roles).EntityType.Value "TEAM" "entity type"
            Expect.equal (Seq.head token.Roles).Role "my-custom-role" "free-text role"
            Expect.equal token.CreatedBy.SubjectType.Value "ROBOT" "subject type"
            Expect.stringContains (writeToken token) "\"SUPER_TOKEN\"" "written back as it came"
        }

        test "unknown extra fields are ignored" {
            let json = (minimalToken "type").TrimEnd('}') + ""","brandNewField":{"nested":[1,2]},"another":true}"""
            Expect.equal (readToken json).Id "t1" "read despite extra fields"
        }

        test "a field of the wrong type is a JsonException" {
            let json = (minimalToken "type").Replace("\"kind\":\"STANDARD\"", "\"kind\":42")
            Expect.throwsT<JsonException> (fun () -> readToken json |> ignore) "kind as number"
        }

        test "a missing required field (id) is a JsonException" {
            let json = (minimalToken "type").Replace("\"id\":\"t1\",", "")
            Expect.throwsT<JsonException> (fun () -> readToken json |> ignore) "no id"
        }

        test "ToString never shows the secret token" {
            let token = Seq.exactlyOne (readPage seedExample).Tokens |> copyWith "Token" "s3cr3t-canary-value"
            let text = token.ToString()
            Expect.isFalse (text.Contains "s3cr3t-canary-value") "secret absent"
            Expect.stringContains text "Token = ***" "marked as present"
            Expect.stringContains text "clm8q7f6q000008lcgyougpsk" "the rest is shown"
        }

        test "client options ToString never shows the bearer token" {
            let options = AgentTokensClientOptions(ApiToken = "bearer-canary-123")
            Expect.isFalse (options.ToString().Contains "bearer-canary-123") "bearer absent"
        }

        test "an Error body reads with its field errors" {
            let json = """{"message":"bad","requestId":"r-1","statusCode":400,"fieldErrors":[{"code":"range","field":"limit","message":"too big"}]}"""
            let error = JsonSerializer.Deserialize(json, AgentTokensJsonContext.Default.ApiError)
            Expect.equal (error.RequestId, error.StatusCode) ("r-1", 400) "fields"
            Expect.equal (Seq.exactlyOne error.FieldErrors) (FieldError("range", "limit", "too big")) "field error"
        }

        testProperty "write then read is the identity for any token, less its secret, which is never written" <|
            Prop.forAll (Arb.fromGen genToken) (fun token ->
                let written = writeToken token
                readToken written = token.WithoutSecret() && (isNull token.Token || not (written.Contains "\"token\"")))

        testProperty "equality is by value, roles included" <|
            Prop.forAll (Arb.fromGen genToken) (fun token ->
                let copy = token |> copyWith "Roles" (Array.ofSeq token.Roles :> obj)
                copy = token && (token.Roles.Count = 0 || (copy |> copyWith "Roles" (Array.empty<TokenRole> :> obj)) <> token))
    ]
