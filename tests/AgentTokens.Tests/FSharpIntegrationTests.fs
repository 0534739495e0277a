/// The F# failures a retrying client hides: each seen as the API sent it, through a client that makes one attempt.
module AgentTokens.Tests.FSharpIntegrationTests

open System
open System.Threading
open Expecto
open AgentTokens.FSharp
open AgentTokens.Tests.SandboxFixture

let tests =
    testList "F# failures without retries" [
        testCaseTask "429, 5xx and a dropped connection are RateLimited, ServerError and Network" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                use once = noRetryClientFor sandbox
                let get () = Tokens.get once sandbox.OrganizationId sandbox.DeploymentId "x" CancellationToken.None
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.RateLimited(TimeSpan.FromSeconds 1.0)) |> ignore
                let! limited = get ()
                Expect.isTrue (match limited with Error(RateLimited p) -> p.Status = 429 | _ -> false) "429"
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.ServerError 503) |> ignore
                let! down = get ()
                Expect.isTrue (match down with Error(ServerError p) -> p.Status = 503 | _ -> false) "503"
                sandbox.Faults.Next(AgentTokens.Sandbox.Fault.AbortConnection()) |> ignore
                let! network = get ()
                Expect.isTrue (match network with Error(Network p) -> p.Status = 0 | _ -> false) "network"
            })
    ]
