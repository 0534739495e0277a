/// The sandbox probed over HTTP with plain HttpClient: routing, authentication, validation, the four operations.
module AgentTokens.Tests.SandboxBehaviourTests

open System
open System.Net.Http
open Expecto
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

let private fieldErrors (answer: RawAnswer) =
    [ for e in (json answer.Body).GetProperty("fieldErrors").EnumerateArray() -> e.GetProperty("field").GetString() ]

let private validationCase name query field =
    testCaseTask (sprintf "400 with a field error for %s" name) <| fun () ->
        withSandbox (sandboxOptions 3) (fun sandbox -> task {
            let! answer = get sandbox (collectionPath sandbox "v1" + "?" + query)
            Expect.equal answer.Status 400 "status"
            Expect.equal (fieldErrors answer) [ field ] "the field named"
            Expect.isTrue ((json answer.Body).GetProperty("requestId").GetString().Length > 0) "requestId"
        })

let tests =
    testList "sandbox behaviour" [
        testCaseTask "a missing or wrong bearer token is a 401 with an Error body" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                for bearer in [ None; Some "wrong-token"; Some (sandbox.ApiToken + "x") ] do
                    let! answer = raw sandbox HttpMethod.Get (collectionPath sandbox "v1") bearer None
                    Expect.equal answer.Status 401 "unauthorized"
                    Expect.equal ((json answer.Body).GetProperty("statusCode").GetInt32()) 401 "statusCode in body"
            })

        testCaseTask "an unknown organization, deployment or token is a 404" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                let! noOrg = get sandbox (sprintf "v1/organizations/nope/deployments/%s/agent-tokens" sandbox.DeploymentId)
                let! noDep = get sandbox (sprintf "v1/organizations/%s/deployments/nope/agent-tokens" sandbox.OrganizationId)
                let! noToken = get sandbox (collectionPath sandbox "v1" + "/nope")
                let! noRoute = get sandbox "v2/whatever"
                for answer in [ noOrg; noDep; noToken; noRoute ] do
                    Expect.equal answer.Status 404 answer.Body
            })

        validationCase "a negative offset" "offset=-1" "offset"
        validationCase "a limit above 1000" "limit=1001" "limit"
        validationCase "a negative limit" "limit=-1" "limit"
        validationCase "a limit that is not a number" "limit=ten" "limit"
        validationCase "an undocumented sort" "sorts=name:up" "sorts"
        validationCase "a sort on an undocumented field" "sorts=id:asc" "sorts"

        testCaseTask "limit, offset and totalCount are echoed; the default limit is 20" <| fun () ->
            withSandbox (sandboxOptions 45) (fun sandbox -> task {
                let! first = get sandbox (collectionPath sandbox "v1")
                let page = json first.Body
                Expect.equal (page.GetProperty("limit").GetInt32(), page.GetProperty("offset").GetInt32(), page.GetProperty("totalCount").GetInt32()) (20, 0, 45) "defaults"
                Expect.equal (page.GetProperty("tokens").GetArrayLength()) 20 "20 tokens"
                let! last = get sandbox (collectionPath sandbox "v1" + "?offset=40&limit=10")
                let page = json last.Body
                Expect.equal (page.GetProperty("limit").GetInt32(), page.GetProperty("offset").GetInt32(), page.GetProperty("tokens").GetArrayLength()) (10, 40, 5) "a short last page"
                let! past = get sandbox (collectionPath sandbox "v1" + "?offset=500&limit=0")
                Expect.equal ((json past.Body).GetProperty("tokens").GetArrayLength()) 0 "past the end"
            })

        testCaseTask "/v1 writes scope, the beta paths write type, all serve the same tokens" <| fun () ->
            withSandbox (sandboxOptions 5) (fun sandbox -> task {
                let! v1 = get sandbox (collectionPath sandbox "v1")
                let! iam = get sandbox (collectionPath sandbox "iam/v1beta1")
                let! platform = get sandbox (collectionPath sandbox "platform/v1beta1")
                Expect.stringContains v1.Body "\"scope\":" "v1 scope"
                Expect.isFalse (v1.Body.Contains "\"type\":") "v1 no type"
                Expect.stringContains iam.Body "\"type\":" "iam type"
                Expect.isFalse (platform.Body.Contains "\"scope\":") "platform no scope"
                Expect.equal (pageIds v1.Body) (pageIds iam.Body) "same tokens"
                Expect.equal (pageIds iam.Body) (pageIds platform.Body) "same tokens"
            })

        testCaseTask "create shows the secret once; get and list never; delete is 204 then 404" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                let path = collectionPath sandbox "v1"
                let! created = raw sandbox HttpMethod.Post path (Some sandbox.ApiToken) (Some """{"name":"pool-a","tokenExpiryPeriodInDays":7}""")
                Expect.equal created.Status 200 created.Body
                let token = json created.Body
                let id = token.GetProperty("id").GetString()
                let secret = token.GetProperty("token").GetString()
                Expect.isTrue (secret.Length >= 20) "a secret"
                let created = token.GetProperty("createdAt").GetDateTimeOffset()
                Expect.equal (token.GetProperty("endAt").GetDateTimeOffset()) (created.AddDays 7.0) "endAt = startAt + period"
                let! got = get sandbox (path + "/" + id)
                let! listed = get sandbox path
                Expect.isFalse (got.Body.Contains secret) "get hides the secret"
                Expect.isFalse (listed.Body.Contains secret) "list hides the secret"
                Expect.contains (pageIds listed.Body) id "listed"
                let! first = raw sandbox HttpMethod.Delete (path + "/" + id) (Some sandbox.ApiToken) None
                let! second = raw sandbox HttpMethod.Delete (path + "/" + id) (Some sandbox.ApiToken) None
                let! gone = get sandbox (path + "/" + id)
                Expect.equal (first.Status, second.Status, gone.Status) (204, 404, 404) "204, then 404"
            })

        testCaseTask "create validates its body and refuses a 51st token; seeding is not limited" <| fun () ->
            withSandbox (sandboxOptions 49) (fun sandbox -> task {
                let path = collectionPath sandbox "v1"
                let post body = raw sandbox HttpMethod.Post path (Some sandbox.ApiToken) (Some body)
                let! blank = post """{"name":"  "}"""
                let! range = post """{"name":"x","tokenExpiryPeriodInDays":3651}"""
                let! notJson = post "{name"
                Expect.equal (blank.Status, fieldErrors blank) (400, [ "name" ]) "blank name"
                Expect.equal (range.Status, fieldErrors range) (400, [ "tokenExpiryPeriodInDays" ]) "expiry range"
                Expect.equal notJson.Status 400 "not JSON"
                let! fiftieth = post """{"name":"fiftieth"}"""
                let! fiftyFirst = post """{"name":"fifty-first"}"""
                Expect.equal (fiftieth.Status, fiftyFirst.Status) (200, 400) "the 51st is refused"
                Expect.stringContains fiftyFirst.Body "50" "the message names the limit"
            })
        testCaseTask "a sandbox seeded with 1,000 tokens serves them all" <| fun () ->
            withSandbox (sandboxOptions 1000) (fun sandbox -> task {
                let! page = get sandbox (collectionPath sandbox "v1" + "?limit=1000")
                Expect.equal (pageIds page.Body).Length 1000 "1000 tokens"
            })

        testCaseTask "pause-body holds back the second half of a page, then sends it whole" <| fun () ->
            withSandbox (sandboxOptions 1000) (fun sandbox -> task {
                sandbox.Faults.Add(FaultSpec.Parse "pause-body:300@next:1") |> ignore
                let watch = Diagnostics.Stopwatch.StartNew()
                let! page = get sandbox (collectionPath sandbox "v1" + "?limit=1000")
                Expect.isGreaterThanOrEqual watch.Elapsed (TimeSpan.FromMilliseconds 300.0) "the pause happened"
                Expect.equal (pageIds page.Body).Length 1000 "then the whole page"
            })

        test "the standalone flags parse, and a bad one is named" {
            let options = SandboxCommandLine.Parse [ "--port"; "5089"; "--tokens"; "250"; "--seed"; "7"; "--api-token"; "sandbox-token"; "--fault"; "503@every:5" ]
            Expect.equal (options.Port, options.Tokens, options.Seed, options.ApiToken) (5089, 250, 7, "sandbox-token") "parsed"
            Expect.equal options.Faults.Count 1 "one fault"
            let e = Expect.throwsC (fun () -> SandboxCommandLine.Parse [ "--tokens"; "-5" ] |> ignore) id
            Expect.stringContains e.Message "--tokens" "names the flag"
            let e = Expect.throwsC (fun () -> FaultSpec.Parse "teapot@next:1" |> ignore) id
            Expect.stringContains e.Message "teapot" "names the fault"
        }
    ]
