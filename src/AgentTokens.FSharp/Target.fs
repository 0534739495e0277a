// The promised surface and its documentation: Target.fsi.
namespace AgentTokens.FSharp

open System
open System.Threading.Tasks

type EmbeddedApi =
    { BaseAddress: Uri
      ApiToken: Secret
      OrganizationId: string
      DeploymentId: string
      Deployments: int
      Now: DateTimeOffset
      Stop: IAsyncDisposable }

type Coverage =
    | OneDeployment
    | DeploymentOrOrganization

type Origin =
    | AstroOnly
    | EmbeddedOnly
    | AstroElseEmbedded

type TargetSettings = { Settings: Settings; Coverage: Coverage; Origin: Origin }

type Target =
    { Connection: Connection
      Description: string
      Now: DateTimeOffset
      Embedded: EmbeddedApi option }

    interface IAsyncDisposable with
        member t.DisposeAsync() =
            t.Connection.Client.Dispose()
            match t.Embedded with
            | Some api -> api.Stop.DisposeAsync()
            | None -> ValueTask.CompletedTask

[<RequireQualifiedAccess>]
module Target =
    let private requireDeployment (coverage: Coverage) = coverage = OneDeployment

    /// The embedded API, connected as the settings ask (their deployment, or its first when one is needed).
    let private embedded (target: TargetSettings) (startEmbedded: unit -> Task<EmbeddedApi>) =
        task {
            let! api = startEmbedded ()
            let needed = requireDeployment target.Coverage
            let deployment = target.Settings.DeploymentId |> Option.orElse (if needed then Some api.DeploymentId else None)
            let local =
                { target.Settings with
                    ApiToken = Some api.ApiToken; OrganizationId = Some api.OrganizationId; DeploymentId = deployment
                    BaseUrl = Some(string api.BaseAddress); ApiVersion = None }
            match Connection.resolveSettings needed local with
            | Ok(Astro c) ->
                let covers = match deployment with Some d -> "deployment " + d | None -> string api.Deployments + " deployments"
                return Ok { Connection = c; Description = "embedded sandbox (seed 7, " + covers + ")"; Now = api.Now; Embedded = Some api }
            | Ok EmbeddedSandbox ->
                do! api.Stop.DisposeAsync()
                return Error "the embedded API gave no settings to connect with."
            | Error e ->
                do! api.Stop.DisposeAsync()
                return Error e
        }

    let openWith (target: TargetSettings) (startEmbedded: unit -> Task<EmbeddedApi>) : Task<Result<Target, string>> =
        let needed = requireDeployment target.Coverage
        match target.Origin with
        | EmbeddedOnly -> embedded target startEmbedded
        | AstroOnly | AstroElseEmbedded ->
            match Connection.resolveSettings needed target.Settings with
            | Ok(Astro c) ->
                // No sprintf: the tool compiles this ahead of time, where printf's format machinery cannot run.
                let covers = match c.DeploymentId with Some d -> "deployment " + d | None -> "organization " + c.OrganizationId
                Task.FromResult(Ok { Connection = c; Description = "Astro API at " + c.Client.Options.BaseAddress.Host + ", " + covers; Now = DateTimeOffset.UtcNow; Embedded = None })
            | Ok EmbeddedSandbox when target.Origin = AstroElseEmbedded -> embedded target startEmbedded
            | Ok EmbeddedSandbox ->
                Task.FromResult(
                    Error(
                        "no Astro settings: set ASTRO_API_TOKEN, ASTRO_ORGANIZATION_ID" + (if needed then " and ASTRO_DEPLOYMENT_ID" else "")
                        + " (or --organization" + (if needed then ", --deployment" else "")
                        + "); to try it without an Astro account, add --sandbox."))
            | Error e -> Task.FromResult(Error e)
