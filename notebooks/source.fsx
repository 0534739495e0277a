// Where a notebook's tokens come from: Astro when ASTRO_API_TOKEN, ASTRO_ORGANIZATION_ID and ASTRO_DEPLOYMENT_ID
// are set, otherwise an in-process sandbox with a realistic deployment. Loaded after refs.fsx.
module Source

open System
open System.Threading.Tasks
open AgentTokens.FSharp
open AgentTokens.Sandbox

/// A connection, where it points, the "now" to analyse at, and how to let it go.
type Source =
    { Connection: Connection
      Description: string
      Now: DateTimeOffset
      Sandbox: Sandbox option }

    interface IAsyncDisposable with
        member s.DisposeAsync() =
            s.Connection.Client.Dispose()
            match s.Sandbox with
            | Some sandbox -> sandbox.DisposeAsync()
            | None -> ValueTask.CompletedTask

/// Astro from the environment when all three variables are set, else a sandbox with `tokens` tokens.
let connect (tokens: int) : Task<Source> =
    task {
        match Connection.fromEnvironment () with
        | Ok connection ->
            return { Connection = connection; Description = sprintf "Astro API, deployment %s" connection.DeploymentId; Now = DateTimeOffset.UtcNow; Sandbox = None }
        | Error _ ->
            let! sandbox = Sandbox.StartAsync(SandboxOptions(Tokens = tokens, Seed = 7))
            return
                { Connection = Connection.create sandbox.BaseAddress sandbox.ApiToken sandbox.OrganizationId sandbox.DeploymentId
                  Description = sprintf "sandbox (seed 7, %d tokens)" tokens
                  Now = sandbox.Now
                  Sandbox = Some sandbox }
    }
