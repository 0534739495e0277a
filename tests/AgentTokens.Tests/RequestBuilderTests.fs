module AgentTokens.Tests.RequestBuilderTests

open System
open System.Collections.Specialized
open System.Web
open Expecto
open FsCheck
open FsCheck.FSharp
open AgentTokens

let private list sorts = AgentTokenRequests.ListAgentTokens(ApiVersion.V1, "org", "dep", 0, Nullable 1000, sorts)

/// Parses the query of a built request, as a server would.
let private queryOf (request: ApiRequest) : NameValueCollection =
    let uri = request.ResolveAgainst(Uri "https://api.astronomer.io")
    HttpUtility.ParseQueryString uri.Query

/// The path segments of a built request, decoded as a server would.
let private segmentsOf (request: ApiRequest) =
    let uri = request.ResolveAgainst(Uri "https://api.astronomer.io")
    uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) |> Array.map Uri.UnescapeDataString

let private throwsArgument (parameter: string) (build: unit -> ApiRequest) =
    let e = Expect.throwsC (build >> ignore) id
    match e with
    | :? ArgumentException as a -> Expect.equal a.ParamName parameter "names the parameter"
    | other -> failtestf "expected an ArgumentException, got %O" other

let private hostileIds = [ "a/b"; "?x=1"; "#frag"; "100%"; "with space"; "ünïcødé"; "日本"; "..%2F"; "a+b"; "..."; ".a"; "a\\b" ]

let private sortTests =
    [ for sort in TokenSort.All ->
        test (sprintf "sort %O goes out as sorts=%O" sort sort) {
            let request = list [ sort ]
            Expect.equal (queryOf request).["sorts"] (string sort) "the query carries the sort"
            Expect.stringContains request.RelativeUri (sprintf "sorts=%O" sort) "unescaped colon"
        } ]

let private escapingTests =
    [ for id in hostileIds ->
        test (sprintf "hostile id %A stays one path segment" id) {
            let request = AgentTokenRequests.GetAgentToken(ApiVersion.V1, id, id, id)
            Expect.equal (segmentsOf request) [| "v1"; "organizations"; id; "deployments"; id; "agent-tokens"; id |] "segments decode back"
            Expect.isFalse (request.RelativeUri.Contains '#') "no raw fragment"
            Expect.isFalse (request.RelativeUri.Contains '?') "no raw query"
        } ]

let private validationTests =
    [ test "blank organization id" { throwsArgument "organizationId" (fun () -> AgentTokenRequests.ListAgentTokens(ApiVersion.V1, " ", "dep")) }
      test "empty deployment id" { throwsArgument "deploymentId" (fun () -> AgentTokenRequests.ListAgentTokens(ApiVersion.V1, "org", "")) }
      test "null deployment id" { throwsArgument "deploymentId" (fun () -> AgentTokenRequests.GetAgentToken(ApiVersion.V1, "org", null, "t")) }
      test "a dot-segment id, which URIs would collapse" {
          throwsArgument "organizationId" (fun () -> AgentTokenRequests.ListAgentTokens(ApiVersion.V1, ".", "dep"))
          throwsArgument "agentTokenId" (fun () -> AgentTokenRequests.GetAgentToken(ApiVersion.V1, "org", "dep", "..")) }
      test "blank token id" { throwsArgument "agentTokenId" (fun () -> AgentTokenRequests.DeleteAgentToken(ApiVersion.V1, "org", "dep", "\t")) }
      test "negative offset" { throwsArgument "offset" (fun () -> AgentTokenRequests.ListAgentTokens(ApiVersion.V1, "org", "dep", -1)) }
      test "limit below 0" { throwsArgument "limit" (fun () -> AgentTokenRequests.ListAgentTokens(ApiVersion.V1, "org", "dep", 0, Nullable -1)) }
      test "limit above 1000" { throwsArgument "limit" (fun () -> AgentTokenRequests.ListAgentTokens(ApiVersion.V1, "org", "dep", 0, Nullable 1001)) }
      test "expiry of 0 days" { throwsArgument "tokenExpiryPeriodInDays" (fun () -> AgentTokenRequests.CreateAgentToken(ApiVersion.V1, "org", "dep", "n", null, Nullable 0)) }
      test "expiry of 3651 days" { throwsArgument "tokenExpiryPeriodInDays" (fun () -> AgentTokenRequests.CreateAgentToken(ApiVersion.V1, "org", "dep", "n", null, Nullable 3651)) }
      test "blank name" { throwsArgument "name" (fun () -> AgentTokenRequests.CreateAgentToken(ApiVersion.V1, "org", "dep", "  ")) }
      test "the same sort field twice" {
          throwsArgument "sorts" (fun () -> list [ TokenSort.Ascending TokenSortField.Name; TokenSort.Descending TokenSortField.Name ]) }
      test "an undefined sort field" { throwsArgument "sorts" (fun () -> list [ TokenSort(enum 99, SortDirection.Ascending) ]) } ]

type private ValidList = { Org: NonEmptyString; Dep: NonEmptyString; Offset: int; Limit: int option; Sorts: TokenSort list }

let private genValidList =
    gen {
        let nonBlank =
            ArbMap.defaults |> ArbMap.generate<NonEmptyString>
            |> Gen.filter (fun s -> not (String.IsNullOrWhiteSpace s.Get) && s.Get <> "." && s.Get <> "..")
        let! org = nonBlank
        let! dep = nonBlank
        let! offset = Gen.choose (0, Int32.MaxValue)
        let! limit = Gen.optionOf (Gen.choose (0, 1000))
        let! sorts = Gen.shuffle TokenSort.All |> Gen.map (Seq.distinctBy (fun s -> s.Field) >> List.ofSeq)
        let! n = Gen.choose (0, sorts.Length)
        return { Org = org; Dep = dep; Offset = offset; Limit = limit; Sorts = List.truncate n sorts }
    }

let tests =
    testList "request builder" [
        testList "sorts" sortTests
        testList "escaping" escapingTests
        testList "validation" validationTests

        test "several sorts go out as repeated keys in the caller's order" {
            let sorts = [ TokenSort.Descending TokenSortField.CreatedAt; TokenSort.Ascending TokenSortField.Name; TokenSort.Ascending TokenSortField.TokenStartAt ]
            Expect.equal ((queryOf (list sorts)).GetValues "sorts") [| "createdAt:desc"; "name:asc"; "tokenStartAt:asc" |] "order kept"
        }

        test "each API version has its base path" {
            let path v = (AgentTokenRequests.ListAgentTokens(v, "o", "d")).Path
            Expect.equal (path ApiVersion.V1) "v1/organizations/o/deployments/d/agent-tokens" "v1"
            Expect.equal (path ApiVersion.IamV1Beta1) "iam/v1beta1/organizations/o/deployments/d/agent-tokens" "iam"
            Expect.equal (path ApiVersion.PlatformV1Beta1) "platform/v1beta1/organizations/o/deployments/d/agent-tokens" "platform"
        }

        test "a base address with a path keeps it as a prefix" {
            let uri = (AgentTokenRequests.GetAgentToken(ApiVersion.V1, "o", "d", "t")).ResolveAgainst(Uri "http://127.0.0.1:5000/proxy/astro")
            Expect.equal uri.AbsoluteUri "http://127.0.0.1:5000/proxy/astro/v1/organizations/o/deployments/d/agent-tokens/t" "prefix kept"
        }

        test "create writes name, description and expiry, and leaves out what is absent" {
            let full = AgentTokenRequests.CreateAgentToken(ApiVersion.V1, "o", "d", "pool-a", "for prod", Nullable 90)
            Expect.equal full.JsonBody """{"name":"pool-a","description":"for prod","tokenExpiryPeriodInDays":90}""" "full body"
            Expect.equal full.Method Net.Http.HttpMethod.Post "POST"
            let bare = AgentTokenRequests.CreateAgentToken(ApiVersion.V1, "o", "d", "pool-b")
            Expect.equal bare.JsonBody """{"name":"pool-b"}""" "optional fields absent"
        }

        test "the HTTP message carries no Authorization and a JSON body" {
            use message = (AgentTokenRequests.CreateAgentToken(ApiVersion.V1, "o", "d", "n")).ToHttpRequestMessage(Uri "https://api.astronomer.io")
            Expect.isNull message.Headers.Authorization "no Authorization from the builder"
            Expect.equal message.Content.Headers.ContentType.MediaType "application/json" "content type"
            Expect.equal (string message.RequestUri) "https://api.astronomer.io/v1/organizations/o/deployments/d/agent-tokens" "uri"
        }

        test "building is pure: the same input gives equal values" {
            let sorts = [ TokenSort.Ascending TokenSortField.UpdatedById ]
            Expect.equal (list sorts) (list sorts) "equal requests"
        }

        test "a sort parses back from its wire text, and junk is refused by name" {
            for sort in TokenSort.All do
                Expect.equal (TokenSort.Parse(string sort)) sort "round trip"
            let e = Expect.throwsC (fun () -> TokenSort.Parse "createdAt:up" |> ignore) id
            Expect.stringContains e.Message "createdAt:up" "names the bad value"
            Expect.isFalse (fst (TokenSort.TryParse "CREATEDAT:DESC")) "case matters, as in the API"
        }

        testProperty "any valid input builds a URI that parses back to the same parameters" <|
            Prop.forAll (Arb.fromGen genValidList) (fun v ->
                let request =
                    AgentTokenRequests.ListAgentTokens(ApiVersion.IamV1Beta1, v.Org.Get, v.Dep.Get, v.Offset, Option.toNullable v.Limit, v.Sorts)
                let query = queryOf request
                let segments = segmentsOf request
                segments.[3] = v.Org.Get && segments.[5] = v.Dep.Get
                && query.["offset"] = string v.Offset
                && query.["limit"] = (v.Limit |> Option.map string |> Option.toObj)
                && (query.GetValues "sorts" |> Option.ofObj |> Option.defaultValue [||] |> List.ofArray) = List.map string v.Sorts)
    ]
