/// services.AddAgentTokensClient over IHttpClientFactory, against the sandbox.
module AgentTokens.Tests.DependencyInjectionTests

open System
open System.Linq
open Expecto
open Microsoft.Extensions.DependencyInjection
open AgentTokens
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture

let tests =
    testList "dependency injection" [
        testCaseTask "AddAgentTokensClient gives a working client with the retry pipeline, over the factory's HttpClient" <| fun () ->
            withSandbox (sandboxOptions 30) (fun sandbox -> task {
                let services = ServiceCollection()
                services.AddAgentTokensClient(fun options ->
                    Fixtures.copyWith "BaseAddress" (box sandbox.BaseAddress) options
                    |> Fixtures.copyWith "ApiToken" (box sandbox.ApiToken)
                    |> Fixtures.copyWith "Retry" (box (RetryOptions() |> Fixtures.copyWith "BaseDelay" (box (TimeSpan.FromMilliseconds 5.0))))) |> ignore
                use provider = services.BuildServiceProvider()
                let client = provider.GetRequiredService<AgentTokensClient>()
                sandbox.Faults.Next(Fault.ServerError 503) |> ignore
                let! tokens = client.ListAsync(AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId)).ToArrayAsync()
                Expect.equal tokens.Length 30 "listed"
                Expect.equal [ for e in sandbox.Requests.Entries -> e.Status ] [ 503; 200 ] "retried once"
                Expect.isNotNull (provider.GetService<System.Net.Http.IHttpClientFactory>()) "over IHttpClientFactory"
            })
    ]
