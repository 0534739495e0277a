// Where a notebook's or script's tokens come from, as the F# layer decides it (Connection.resolve): the Astro API
// when ASTRO_API_TOKEN, ASTRO_ORGANIZATION_ID and ASTRO_DEPLOYMENT_ID are set, an in-process sandbox with a
// realistic deployment when none is, and an error naming the missing ones when only some are. Loaded after refs.fsx.
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

/// Astro from the environment, or a sandbox seeded with `tokens` tokens; fails on a partial configuration.
let connect (tokens: int) : Task<Source> =
    task {
        match Connection.resolve () with
        | Error message -> return invalidOp message
        | Ok(Astro connection) ->
            return { Connection = connection; Description = sprintf "Astro API, deployment %s" connection.DeploymentId; Now = DateTimeOffset.UtcNow; Sandbox = None }
        | Ok EmbeddedSandbox ->
            let! sandbox = Sandbox.StartAsync(SandboxOptions(Tokens = tokens, Seed = 7))
            return
                { Connection = Connection.create sandbox.BaseAddress sandbox.ApiToken sandbox.OrganizationId sandbox.DeploymentId
                  Description = sprintf "sandbox (seed 7, %d tokens)" tokens
                  Now = sandbox.Now
                  Sandbox = Some sandbox }
    }
