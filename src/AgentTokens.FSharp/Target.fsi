namespace AgentTokens.FSharp

open System
open System.Threading.Tasks

/// An API started in this process for when no Astro settings are given: the embedded sandbox, which the F# layer
/// does not reference (it lives in AgentTokens.Sandbox, with ASP.NET Core). Whoever starts it says where it is.
type EmbeddedApi =
    { BaseAddress: Uri
      ApiToken: Secret
      OrganizationId: string
      /// The deployment used when one is needed and none is given.
      DeploymentId: string
      /// How many deployments it serves, for the description.
      Deployments: int
      /// The "now" its data was generated around.
      Now: DateTimeOffset
      /// Stops it.
      Stop: IAsyncDisposable }

/// What a command or notebook covers.
type Coverage =
    /// One deployment: the settings' (or the embedded API's first) deployment.
    | OneDeployment
    /// The settings' deployment when given, else every Remote Execution deployment of the organization.
    | DeploymentOrOrganization

/// Where the tokens come from.
type Origin =
    /// The Astro API; settings missing are an error that names them.
    | AstroOnly
    /// The embedded API, whatever the settings say (the CLI's --sandbox).
    | EmbeddedOnly
    /// The Astro API when its settings are given; the embedded API when none of them is; an error when only some are.
    | AstroElseEmbedded

/// What to open: the settings (flags over ASTRO_* variables), what they cover, and where the tokens may come from.
type TargetSettings = { Settings: Settings; Coverage: Coverage; Origin: Origin }

/// An open target: a connection, a description of it (never a secret), the "now" to judge tokens at, and what to stop.
type Target =
    { Connection: Connection
      Description: string
      Now: DateTimeOffset
      /// The embedded API, when one was started: stopped with the target.
      Embedded: EmbeddedApi option }

    /// Disposes the client and stops an embedded API.
    interface IAsyncDisposable

/// Opening targets: the one place that decides between the Astro API and an embedded one, for the CLI, the notebooks
/// and scripts alike.
[<RequireQualifiedAccess>]
module Target =
    /// Opens the target the settings name; `startEmbedded` starts the embedded API when it is needed (and only then).
    /// An Error is a problem with the settings (a missing or partial configuration, a bad URL or API version), in one
    /// line that never repeats a secret.
    val openWith: target: TargetSettings -> startEmbedded: (unit -> Task<EmbeddedApi>) -> Task<Result<Target, string>>
