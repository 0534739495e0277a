module AgentTokens.Tests.FSharpTypesTests

open Expecto
open FsCheck
open FsCheck.FSharp
open AgentTokens.FSharp

let tests =
    testList "F# types" [
        test "the 14 sorts print as the API's values" {
            Expect.equal (Sort.all |> List.map Sort.toString) (List.ofSeq (AgentTokens.TokenSort.All |> Seq.map string)) "same 14, same order"
            Expect.equal (Sort.toString (Desc CreatedAt)) "createdAt:desc" "example"
            Expect.equal (Sort.toString (Asc TokenStartAt)) "tokenStartAt:asc" "example"
        }

        testProperty "Sort to string and back is the identity for all 14 values" <|
            Prop.forAll (Arb.fromGen (Gen.elements Sort.all)) (fun sort -> Sort.parse (Sort.toString sort) = Ok sort)

        test "parsing user input returns a Result naming the bad text" {
            Expect.equal (Sort.parse "name:asc") (Ok (Asc Name)) "valid"
            match Sort.parse "created:desc" with
            | Error message ->
                Expect.stringContains message "created:desc" "names it"
                Expect.stringContains message "createdAt:desc" "lists the valid ones"
            | Ok s -> failtestf "parsed %A" s
            Expect.isError (Sort.parseAll [ "name:asc"; "bogus" ]) "the first error wins"
            Expect.equal (Sort.parseAll [ "name:asc"; "createdAt:desc" ]) (Ok [ Asc Name; Desc CreatedAt ]) "in order"
        }

        test "a query is built by pipeline and never mutated" {
            let q0 = Query.forDeployment "org" "dep"
            let q = q0 |> Query.sortBy [ Desc CreatedAt; Asc Name ] |> Query.pageSize 500 |> Query.take 100
            Expect.equal q0.Sorts [] "unchanged"
            let core = Query.toCore q
            Expect.equal (core.OrganizationId, core.DeploymentId, core.PageSize, core.MaxItems) ("org", "dep", System.Nullable 500, System.Nullable 100) "core query"
            Expect.equal (core.Sorts |> Seq.map string |> List.ofSeq) [ "createdAt:desc"; "name:asc" ] "sorts"
        }

        test "unknown server values survive as Other, known ones match their cases" {
            let json = AgentTokens.Tests.Fixtures.minimalToken("type").Replace("STANDARD", "TURBO").TrimEnd('}') + ""","roles":[{"entityId":"t","entityType":"DAG_TAG","role":"r","deploymentId":"d"},{"entityId":"x","entityType":"TEAM","role":"r"}]}"""
            let token = Convert.token (AgentTokens.Tests.Fixtures.readToken json)
            Expect.equal token.Kind (Kind.Other "TURBO") "kind"
            Expect.equal token.Scope Scope.Deployment "type, read as the scope"
            Expect.equal [ for r in token.Roles -> r.Entity ] [ Entity.DagTag; Entity.Other "TEAM" ] "entity types"
            Expect.equal token.Roles.Head.DeploymentId (Some "d") "option"
            Expect.equal token.EndAt None "null became None"
        }

        test "the F# token has no secret, and a created token's secret prints as ***" {
            let core = Seq.exactlyOne (AgentTokens.Tests.Fixtures.readPage AgentTokens.Tests.Fixtures.seedExample).Tokens
            let created = Convert.created core
            Expect.isFalse ((sprintf "%A" created).Contains "\"token\"") "%A hides it"
            Expect.equal (string created.Secret.Value) "***" "ToString hides it"
            Expect.equal (created.Secret.Value.Reveal()) "token" "Reveal shows it"
        }

        test "the environment: missing variables are named with the sandbox as the way out" {
            let env = Map [ "ASTRO_API_TOKEN", "t" ]
            match Connection.fromEnvironmentWith env.TryFind with
            | Error message ->
                Expect.stringContains message "ASTRO_ORGANIZATION_ID" "names the missing"
                Expect.stringContains message "ASTRO_DEPLOYMENT_ID" "names the missing"
                Expect.stringContains message "sandbox" "the way out"
            | Ok _ -> failtest "should fail"
            let full = Map [ "ASTRO_API_TOKEN", "t"; "ASTRO_ORGANIZATION_ID", "o"; "ASTRO_DEPLOYMENT_ID", "d"; "ASTRO_API_VERSION", "iam-v1beta1" ]
            match Connection.fromEnvironmentWith full.TryFind with
            | Ok c ->
                Expect.equal (c.OrganizationId, c.DeploymentId, c.Client.Options.ApiVersion) ("o", Some "d", AgentTokens.ApiVersion.IamV1Beta1) "read"
                c.Client.Dispose()
            | Error e -> failtest e
            let insecure = full.Add("ASTRO_BASE_URL", "http://example.com")
            Expect.isError (Connection.fromEnvironmentWith insecure.TryFind) "plain HTTP off loopback is refused"
        }

        test "Astro or the sandbox: none set is the sandbox, all set is Astro, some set is an error naming the rest" {
            Expect.equal (Connection.resolveWith (fun _ -> None)) (Ok EmbeddedSandbox) "nothing set: the sandbox"
            let all = Map [ "ASTRO_API_TOKEN", "secret-value"; "ASTRO_ORGANIZATION_ID", "o"; "ASTRO_DEPLOYMENT_ID", "d" ]
            match Connection.resolveWith all.TryFind with
            | Ok(Astro c) ->
                Expect.equal (c.OrganizationId, c.DeploymentId) ("o", Some "d") "Astro"
                c.Client.Dispose()
            | other -> failtestf "expected Astro, got %A" other
            for present in [ [ "ASTRO_API_TOKEN" ]; [ "ASTRO_ORGANIZATION_ID" ]; [ "ASTRO_API_TOKEN"; "ASTRO_DEPLOYMENT_ID" ] ] do
                let env = all |> Map.filter (fun k _ -> List.contains k present)
                match Connection.resolveWith env.TryFind with
                | Error message ->
                    for name in Connection.variables do
                        Expect.stringContains message name (sprintf "%A: every variable is named, set or missing" present)
                    Expect.isFalse (message.Contains "secret-value") "never the values"
                    Expect.stringContains message "none to use the embedded sandbox" "says how to get the sandbox"
                | Ok backend -> failtestf "%A set: expected an error, got %A" present backend
        }
    
        testCaseTask "Target.openWith: one decision for the CLI and the notebooks; the embedded API starts only when chosen" <| fun () -> task {
            let started = ref 0
            let start () =
                task {
                    started.Value <- started.Value + 1
                    let! sandbox = AgentTokens.Sandbox.Sandbox.StartAsync(AgentTokens.Sandbox.SandboxOptions(Tokens = 3, Seed = 5))
                    return
                        { BaseAddress = sandbox.BaseAddress; ApiToken = Secret.Of sandbox.ApiToken; OrganizationId = sandbox.OrganizationId
                          DeploymentId = sandbox.DeploymentId; Deployments = 1; Now = sandbox.Now; Stop = sandbox }
                }
            let none = Connection.settingsWith (fun _ -> None)
            let target origin coverage settings = { Settings = settings; Coverage = coverage; Origin = origin }
            match! Target.openWith (target AstroOnly OneDeployment none) start with
            | Error message -> Expect.stringContains message "no Astro settings" "Astro only, nothing set: an error"
            | Ok _ -> failtest "expected an error"
            Expect.equal started.Value 0 "nothing started"
            match! Target.openWith (target AstroElseEmbedded DeploymentOrOrganization { none with ApiToken = Some(Secret.Of "t") }) start with
            | Error message -> Expect.stringContains message "ASTRO_ORGANIZATION_ID" "partial settings name what is missing"
            | Ok _ -> failtest "expected an error"
            Expect.equal started.Value 0 "still nothing started"
            for origin in [ AstroElseEmbedded; EmbeddedOnly ] do
                match! Target.openWith (target origin OneDeployment none) start with
                | Error message -> failtestf "expected the embedded API: %s" message
                | Ok opened ->
                    Expect.isSome opened.Embedded "the embedded API"
                    Expect.isSome opened.Connection.DeploymentId "its deployment, since one is needed"
                    Expect.stringStarts opened.Description "embedded sandbox" "described"
                    do! (opened :> System.IAsyncDisposable).DisposeAsync()
            Expect.equal started.Value 2 "started once for each"
            let astro = { none with ApiToken = Some(Secret.Of "t"); OrganizationId = Some "o"; BaseUrl = Some "https://api.example.com/" }
            match! Target.openWith (target EmbeddedOnly DeploymentOrOrganization astro) start with
            | Ok opened ->
                Expect.isSome opened.Embedded "--sandbox wins over settings"
                do! (opened :> System.IAsyncDisposable).DisposeAsync()
            | Error message -> failtestf "expected the embedded API: %s" message
            match! Target.openWith (target AstroOnly DeploymentOrOrganization astro) start with
            | Ok opened ->
                Expect.isNone opened.Embedded "Astro"
                Expect.equal opened.Description "Astro API at api.example.com, organization o" "described without a secret"
                do! (opened :> System.IAsyncDisposable).DisposeAsync()
            | Error message -> failtestf "expected Astro: %s" message
        }
    
        test "every value the core knows has a named case, and round-trips through its text (one wire text, the core's)" {
            for v in AgentTokens.TokenKind.Known do
                Expect.notEqual (Kind.Parse v.Value) (Kind.Other v.Value) $"kind {v.Value}"
                Expect.equal (Kind.Parse v.Value).Text v.Value "round trip"
            for v in AgentTokens.TokenScope.Known do
                Expect.notEqual (Scope.Parse v.Value) (Scope.Other v.Value) $"scope {v.Value}"
                Expect.equal (Scope.Parse v.Value).Text v.Value "round trip"
            for v in AgentTokens.EntityType.Known do
                Expect.notEqual (Entity.Parse v.Value) (Entity.Other v.Value) $"entity {v.Value}"
                Expect.equal (Entity.Parse v.Value).Text v.Value "round trip"
            for v in AgentTokens.SubjectType.Known do
                Expect.notEqual (SubjectKind.Parse v.Value) (SubjectKind.Other v.Value) $"subject {v.Value}"
                Expect.equal (SubjectKind.Parse v.Value).Text v.Value "round trip"
            Expect.equal (Kind.Parse "TURBO") (Kind.Other "TURBO") "an unknown value is kept"
        }
    ]
