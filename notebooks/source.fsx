// Where a notebook's or script's tokens come from, as the F# layer decides it for the CLI too (Target.openWith): the
// Astro API when ASTRO_API_TOKEN and ASTRO_ORGANIZATION_ID are set (one deployment with ASTRO_DEPLOYMENT_ID, else
// every Remote Execution deployment of the organization), the embedded sandbox's seeded organization when none of
// the three is set, and an error naming the missing ones when only some are. Loaded after refs.fsx.
module Source

open System.Threading.Tasks
open AgentTokens.FSharp
open AgentTokens.Sandbox

/// The embedded organization, as the F# layer's EmbeddedApi.
let startEmbedded () : Task<EmbeddedApi> =
    task {
        let! sandbox = Sandbox.StartAsync SandboxOptions.EmbeddedOrganization
        return
            { BaseAddress = sandbox.BaseAddress; ApiToken = Secret.Of sandbox.ApiToken; OrganizationId = sandbox.OrganizationId
              DeploymentId = sandbox.DeploymentId; Deployments = sandbox.DeploymentIds.Count; Now = sandbox.Now; Stop = sandbox }
    }

/// Astro from the environment, or the embedded organization; fails on a partial configuration. Dispose it when done.
let connect () : Task<Target> =
    task {
        let settings = { Settings = Connection.settingsWith Connection.variable; Coverage = DeploymentOrOrganization; Origin = AstroElseEmbedded }
        match! Target.openWith settings startEmbedded with
        | Ok target -> return target
        | Error message -> return invalidOp message
    }
