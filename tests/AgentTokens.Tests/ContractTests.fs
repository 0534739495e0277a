/// Every kind of response the sandbox sends validates against the OpenAPI contract.
module AgentTokens.Tests.ContractTests

open System.Net.Http
open Expecto
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

let private collection = "/organizations/{organizationId}/deployments/{deploymentId}/agent-tokens"
let private item = collection + "/{agentTokenId}"

let private expectValid schemaName v1 (answer: RawAnswer) =
    let problems = ContractValidator.validate schemaName v1 answer.Body
    Expect.isEmpty problems (sprintf "%s body (status %d) breaks the contract:\n%s" schemaName answer.Status (String.concat "\n" problems))

let private expectDeclared path httpMethod (answer: RawAnswer) =
    Expect.contains (ContractValidator.declaredStatuses path httpMethod) (string answer.Status) "the status is one the contract declares"

let private versions = [ "v1", true; "iam/v1beta1", false; "platform/v1beta1", false ]

let tests =
    testList "contract" [
        for basePath, v1 in versions do
            testCaseTask (sprintf "%s: list, get, create and delete answers validate" basePath) <| fun () ->
                withSandbox (SandboxOptions(Tokens = 60, Seed = 42, Now = System.Nullable fixedNow, MaxTokensPerDeployment = 100)) (fun sandbox -> task {
                    let path = collectionPath sandbox basePath
                    let! page = get sandbox (path + "?limit=60&sorts=name:asc")
                    expectValid "ApiTokensPaginated" v1 page
                    expectDeclared collection HttpMethod.Get page
                    Expect.isFalse (page.Body.Contains "\"token\":") "List never carries the secret"
                    let id = (pageIds page.Body).Head
                    let! one = get sandbox (path + "/" + id)
                    expectValid "ApiToken" v1 one
                    Expect.isFalse (one.Body.Contains "\"token\":") "Get never carries the secret"
                    let! created = raw sandbox HttpMethod.Post path (Some sandbox.ApiToken) (Some """{"name":"contract","description":"d","tokenExpiryPeriodInDays":30}""")
                    Expect.equal created.Status 200 "created"
                    expectValid "ApiToken" v1 created
                    Expect.isTrue (created.Body.Contains "\"token\":") "Create carries the secret"
                    let! deleted = raw sandbox HttpMethod.Delete (path + "/" + id) (Some sandbox.ApiToken) None
                    Expect.equal deleted.Status 204 "deleted"
                    expectDeclared item HttpMethod.Delete { deleted with Status = 204 }
                })

        testCaseTask "every error the sandbox sends validates as an Error" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                let path = collectionPath sandbox "iam/v1beta1"
                let! invalid = get sandbox (path + "?offset=-1&limit=5000&sorts=bogus")
                let! unauthorized = raw sandbox HttpMethod.Get path (Some "wrong") None
                let! noDeployment = get sandbox (sprintf "iam/v1beta1/organizations/%s/deployments/nope/agent-tokens" sandbox.OrganizationId)
                let! noToken = get sandbox (path + "/nope")
                let! badBody = raw sandbox HttpMethod.Post path (Some sandbox.ApiToken) (Some "{}")
                for answer, status in [ invalid, 400; unauthorized, 401; noDeployment, 404; noToken, 404; badBody, 400 ] do
                    Expect.equal answer.Status status "status"
                    expectValid "Error" false answer
                    expectDeclared collection HttpMethod.Get answer
                Expect.equal ((json invalid.Body).GetProperty("fieldErrors").GetArrayLength()) 3 "one field error per bad parameter"
                for status in [ 429; 500; 502; 503 ] do
                    sandbox.Faults.Next(if status = 429 then Fault.RateLimited(System.TimeSpan.FromSeconds 1.0) else Fault.ServerError status) |> ignore
                    let! answer = get sandbox path
                    Expect.equal answer.Status status "fault status"
                    expectValid "Error" false answer
            })

        test "the validator itself catches a broken body" {
            let broken = """{"limit":1,"offset":0,"totalCount":"1","tokens":[{"id":"x","kind":"STANDARD","type":"NOPE","createdAt":"yesterday","extra":1}]}"""
            let problems = ContractValidator.validate "ApiTokensPaginated" false broken
            for expected in [ "totalCount"; "'NOPE'"; "'yesterday'"; "'extra'"; "'name'" ] do
                Expect.exists problems (fun p -> p.Contains expected) (sprintf "reports %s" expected)
        }
    ]
