/// Scale: an organization's deployments, the fan-out under the rate limit, and one deployment of 100,000 tokens.
module AgentTokens.Tests.ScaleTests

open System
open System.Linq
open System.Net.Http
open System.Threading.Tasks
open Expecto
open AgentTokens
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

let private organization deployments tokens enforce =
    SandboxOptions(Tokens = tokens, Seed = 42, Now = Nullable fixedNow, Deployments = deployments, EnforceRateLimits = enforce)

let tests =
    testList "organization scale" [
        testCaseTask "deployments are listed with id, name, workspace and remote execution" <| fun () ->
            withSandbox (organization 30 4 false) (fun sandbox -> task {
                use client = new AgentTokensClient(sharedHttp, AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken, PageSize = 7))
                let! deployments = client.ListDeploymentsAsync(sandbox.OrganizationId).ToArrayAsync()
                Expect.equal [ for d in deployments -> d.Id, d.HasRemoteExecution ] [ for d in sandbox.Organization.DeploymentList -> d.Id, d.RemoteExecution ] "all, in order"
                Expect.all deployments (fun d -> d.Name <> "" && not (isNull d.WorkspaceId)) "named, in a workspace"
                Expect.isTrue (deployments |> Array.exists (fun d -> not d.HasRemoteExecution)) "some without remote execution"
                Expect.equal sandbox.Requests.Count 5 "ceil(30/7) pages"
            })

        testCaseTask "the organization-wide listing yields every token with its deployment, from remote-execution deployments only" <| fun () ->
            withSandbox (organization 40 6 false) (fun sandbox -> task {
                use client = clientFor sandbox
                let! deployments = client.ListOrganizationDeploymentsAsync(sandbox.OrganizationId, 4).ToArrayAsync()
                let found = [| for d in deployments do for t in d.Tokens -> {| Deployment = d.Deployment; Token = t |} |]
                let expected =
                    [ for d in sandbox.Organization.DeploymentList do
                        for t in sandbox.Organization.Deployments.[d.Id].Tokens -> d.Id, t.Id ] |> Set.ofList
                Expect.equal (found |> Array.map (fun f -> f.Deployment.Id, f.Token.Id) |> Set.ofArray) expected "every token, with the right deployment"
                Expect.equal found.Length expected.Count "none twice"
                Expect.all found (fun f -> f.Deployment.HasRemoteExecution) "remote execution only"
                let remote = sandbox.Organization.DeploymentList |> Seq.filter (fun d -> d.RemoteExecution) |> Seq.length
                Expect.equal sandbox.Requests.Count (1 + remote) "one deployments page, one token page per remote deployment"
                let! viaFSharp = AgentTokens.FSharp.Tokens.organization client sandbox.OrganizationId 4 Threading.CancellationToken.None |> AgentTokens.FSharp.Stream.toList
                Expect.equal (viaFSharp |> List.sumBy (fun d -> d.Tokens.Length)) found.Length "the F# layer sees the same"
                Expect.equal viaFSharp.Length remote "every Remote Execution deployment, empty ones too"
            })

        testCaseTask "the sandbox answers 429 past 25 GET/s; the fan-out never earns one" <| fun () ->
            withSandbox (organization 60 2 true) (fun sandbox -> task {
                let burst = [ for _ in 1 .. 40 -> raw sandbox HttpMethod.Get (collectionPath sandbox "v1") (Some sandbox.ApiToken) None ]
                let! answers = Task.WhenAll burst
                Expect.isGreaterThan (answers |> Array.filter (fun a -> a.Status = 429) |> Array.length) 0 "a burst is limited"
                do! Task.Delay 1100
                sandbox.Requests.Clear()
                use client = new AgentTokensClient(sharedHttp, AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken, Retry = RetryOptions.None))
                let! found = client.ListOrganizationDeploymentsAsync(sandbox.OrganizationId, 16).ToArrayAsync()
                Expect.isGreaterThan (found |> Array.sumBy (fun d -> d.Tokens.Count)) 0 "tokens found"
                Expect.isEmpty [ for r in sandbox.Requests.Entries do if r.Status = 429 then yield r ] "no 429 with the client's limiter"
            })

        testCaseTask "100,000 tokens in one deployment: every one once, in order, in ceil(N/1000) requests" <| fun () ->
            withSandbox (sandboxOptions 100_000) (fun sandbox -> task {
                // Far past the API's 50 per deployment: MaxTokens (10,000 by default) is raised, as such a caller would.
                use client = new AgentTokensClient(sharedHttp, clientOptions sandbox |> Fixtures.copyWith "MaxTokens" (box 200_000))
                let! tokens = client.ListAsync(AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId, Sorts = [| TokenSort.Descending TokenSortField.UpdatedAt |])).ToArrayAsync()
                let expected = sandbox.Store.Sorted([| "updatedAt:desc" |]) |> Seq.map (fun t -> t.Id) |> Array.ofSeq
                Expect.equal (tokens |> Array.map (fun t -> t.Id)) expected "every token once, in the server's order"
                Expect.equal sandbox.Requests.Count 100 "ceil(100000/1000) requests"
            })
    ]
