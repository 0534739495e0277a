// Where a notebook's or script's tokens come from, as the F# layer decides it (Connection.resolveSettings): the
// Astro API when ASTRO_API_TOKEN and ASTRO_ORGANIZATION_ID are set (one deployment with ASTRO_DEPLOYMENT_ID, else
// every Remote Execution deployment of the organization), the embedded sandbox's seeded organization when none of
// the three is set, and an error naming the missing ones when only some are. Loaded after refs.fsx.
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

/// Astro from the environment, or the embedded organization; fails on a partial configuration.
let connect () : Task<Source> =
    task {
        match Connection.resolveSettings false (Connection.settingsWith Connection.variable) with
        | Error message -> return invalidOp message
        | Ok(Astro connection) ->
            let covers = match connection.DeploymentId with Some d -> sprintf "deployment %s" d | None -> sprintf "organization %s" connection.OrganizationId
            return { Connection = connection; Description = sprintf "Astro API, %s" covers; Now = DateTimeOffset.UtcNow; Sandbox = None }
        | Ok EmbeddedSandbox ->
            let! sandbox = Sandbox.StartAsync SandboxOptions.EmbeddedOrganization
            let connection = { Connection.create sandbox.BaseAddress sandbox.ApiToken sandbox.OrganizationId sandbox.DeploymentId with DeploymentId = None }
            return
                { Connection = connection
                  Description = sprintf "embedded sandbox (seed 7, %d deployments)" sandbox.DeploymentIds.Count
                  Now = sandbox.Now
                  Sandbox = Some sandbox }
    }
