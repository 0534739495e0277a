/// Where a command's tokens come from: the Astro API (flags over ASTRO_* variables), or the embedded sandbox.
/// The decision itself is the F# layer's (Connection.resolveSettings); starting the sandbox is this edge's.
module AgentTokens.Cli.Target

open System
open System.Threading.Tasks
open AgentTokens.FSharp
open AgentTokens.Sandbox
open AgentTokens.Cli.CommandOptions
open AgentTokens.Cli.Terminal

/// A connection, a description of it, the "now" to judge tokens at, and the sandbox to stop, if one was started.
type Target =
    { Connection: Connection
      Description: string
      Now: DateTimeOffset
      /// The sandbox started for the command (typed loosely, so that no other command loads the sandbox's assembly).
      Sandbox: IAsyncDisposable option }

    interface IAsyncDisposable with
        member t.DisposeAsync() =
            t.Connection.Client.Dispose()
            match t.Sandbox with
            | Some s -> s.DisposeAsync()
            | None -> ValueTask.CompletedTask

/// The settings: each flag over its ASTRO_* variable.
let settingsOf (shared: Shared) (lenient: bool) (verify: bool) : Settings =
    let env = Connection.settingsWith Connection.variable
    { env with
        OrganizationId = shared.Organization |> Option.orElse env.OrganizationId
        DeploymentId = shared.Deployment |> Option.orElse env.DeploymentId
        BaseUrl = shared.BaseUrl |> Option.orElse env.BaseUrl
        ApiVersion = shared.ApiVersion |> Option.orElse env.ApiVersion
        Lenient = lenient
        VerifyBoundaries = verify }

/// The embedded organization, with a connection to its first deployment when one is needed (or to the deployment
/// the flags name), else to the whole organization.
let private embedded (shared: Shared) (requireDeployment: bool) (settings: Settings) : Task<Result<Target, string>> =
    task {
        let! sandbox = Sandbox.StartAsync SandboxOptions.EmbeddedOrganization
        let deployment = shared.Deployment |> Option.orElse (if requireDeployment then Some sandbox.DeploymentId else None)
        let local =
            { settings with
                ApiToken = Some(Secret.Of sandbox.ApiToken); OrganizationId = Some sandbox.OrganizationId; DeploymentId = deployment
                BaseUrl = Some(string sandbox.BaseAddress); ApiVersion = None }
        match Connection.resolveSettings requireDeployment local with
        | Ok(Astro c) ->
            let where = match deployment with Some d -> $"deployment {d}" | None -> $"{sandbox.DeploymentIds.Count} deployments"
            return Ok { Connection = c; Description = $"embedded sandbox (seed 7, {where})"; Now = sandbox.Now; Sandbox = Some(sandbox :> IAsyncDisposable) }
        | Ok EmbeddedSandbox -> return failwith "unreachable: the sandbox's settings are all set"
        | Error e ->
            do! sandbox.DisposeAsync()
            return Error e
    }

/// The target of a command: the sandbox with --sandbox, or when `embeddedByDefault` and no setting is given; else
/// the Astro API from flags and variables. An Error is a usage problem (exit 2) and never repeats a secret.
let resolve (shared: Shared) (requireDeployment: bool) (embeddedByDefault: bool) (lenient: bool) (verify: bool) : Task<Result<Target, string>> =
    let settings = settingsOf shared lenient verify
    if shared.Sandbox then
        embedded shared requireDeployment settings
    else
        match Connection.resolveSettings requireDeployment settings with
        | Ok(Astro c) ->
            // No sprintf anywhere in the tool: its format machinery compiles code at run time, which the native tool cannot.
            let where = match c.DeploymentId with Some d -> "deployment " + d | None -> "organization " + c.OrganizationId
            Task.FromResult(Ok { Connection = c; Description = "Astro API at " + c.Client.Options.BaseAddress.Host + ", " + where; Now = DateTimeOffset.UtcNow; Sandbox = None })
        | Ok EmbeddedSandbox when embeddedByDefault -> embedded shared requireDeployment settings
        | Ok EmbeddedSandbox ->
            Task.FromResult(
                Error(
                    "no Astro settings: set ASTRO_API_TOKEN, ASTRO_ORGANIZATION_ID" + (if requireDeployment then " and ASTRO_DEPLOYMENT_ID" else "")
                    + " (or --organization" + (if requireDeployment then ", --deployment" else "")
                    + "); to try it without an Astro account, add --sandbox."))
        | Error e -> Task.FromResult(Error e)

/// Runs `run` on the command's target, stopping a started sandbox afterwards; a target that cannot be resolved is a
/// usage error (exit 2), its message on stderr.
let runWith (streams: Streams) (shared: Shared) (requireDeployment: bool) (embeddedByDefault: bool) (lenient: bool) (verify: bool) (run: Target -> Task<int>) =
    task {
        match! resolve shared requireDeployment embeddedByDefault lenient verify with
        | Error message ->
            error streams message
            return Exit.usage
        | Ok target ->
            use _ = target
            return! run target
    }
