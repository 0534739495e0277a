/// Where a command's tokens come from. The decision is the F# layer's (`Target.openWith`, shared with the notebooks
/// and scripts); this edge builds its settings from the flags and says how to start the embedded sandbox.
module AgentTokens.Cli.Target

open System
open System.Runtime.CompilerServices
open System.Threading.Tasks
open AgentTokens.FSharp
open AgentTokens.Sandbox
open AgentTokens.Cli.CommandOptions
open AgentTokens.Cli.Terminal

/// The embedded organization as the F# layer's EmbeddedApi. Kept out of line: no other code path loads the sandbox.
[<MethodImpl(MethodImplOptions.NoInlining)>]
let startEmbedded () : Task<EmbeddedApi> =
    task {
        let! sandbox = Sandbox.StartAsync SandboxOptions.EmbeddedOrganization
        return
            { BaseAddress = sandbox.BaseAddress
              ApiToken = Secret.Of sandbox.ApiToken
              OrganizationId = sandbox.OrganizationId
              DeploymentId = sandbox.DeploymentId
              Deployments = sandbox.DeploymentIds.Count
              Now = sandbox.Now
              Stop = sandbox }
    }

/// The settings: each flag over its ASTRO_* variable.
let settingsOf (shared: Shared) : Settings =
    let env = Connection.settingsWith Connection.variable
    { env with
        OrganizationId = shared.Organization |> Option.orElse env.OrganizationId
        DeploymentId = shared.Deployment |> Option.orElse env.DeploymentId
        BaseUrl = shared.BaseUrl |> Option.orElse env.BaseUrl
        ApiVersion = shared.ApiVersion |> Option.orElse env.ApiVersion }

/// What a command opens: the flags' settings, what it covers, and Astro (or, with --sandbox, the embedded sandbox;
/// `origin` says whether it falls back to the sandbox when no setting is given).
let targetOf (shared: Shared) (coverage: Coverage) (origin: Origin) : TargetSettings =
    { Settings = settingsOf shared; Coverage = coverage; Origin = (if shared.Sandbox then EmbeddedOnly else origin) }

/// Runs `run` on the opened target, stopping a started sandbox afterwards; a target that cannot be opened is a usage
/// error (exit 2), its message on stderr.
let runWith (streams: Streams) (target: TargetSettings) (run: Target -> Task<int>) =
    task {
        match! Target.openWith target startEmbedded with
        | Error message ->
            error streams message
            return Exit.usage
        | Ok opened ->
            use _ = opened
            return! run opened
    }
