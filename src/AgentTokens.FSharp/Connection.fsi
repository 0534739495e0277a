namespace AgentTokens.FSharp

open System

/// A client and what it audits: a deployment, or (no deployment) every Remote Execution deployment of the organization.
type Connection =
    { Client: Client
      OrganizationId: string
      /// The deployment; None for the whole organization.
      DeploymentId: string option }

    /// The query for all tokens of the connection's deployment; InvalidOperationException for an organization-wide
    /// connection (`Connection.query` is the Result form, for a connection that may have no deployment).
    member Query: Query

/// The settings that pick the API and what to audit (from ASTRO_* variables, or given: the CLI's flags), and how
/// the pager reads.
/// The bearer token is a `Secret`: `string`, `%A`, JSON, debuggers and notebook displays show it as `***`.
type Settings =
    { ApiToken: Secret option
      OrganizationId: string option
      DeploymentId: string option
      BaseUrl: string option
      ApiVersion: string option
      /// Finish a listing that cannot be proven complete, with diagnostics, instead of failing.
      Lenient: bool
      /// Check every page boundary (catches a delete and an insert between two pages).
      VerifyBoundaries: bool }

/// Where the settings point: the Astro API, or the embedded sandbox when none of them is given.
type Backend =
    /// The Astro API.
    | Astro of Connection
    /// No bearer token, organization or deployment given: start the embedded sandbox (AgentTokens.Sandbox) and connect to it.
    | EmbeddedSandbox

/// Making connections: the one place that decides between the Astro API and the embedded sandbox.
[<RequireQualifiedAccess>]
module Connection =
    /// The variables of the three settings that choose the API: bearer token, organization, deployment.
    val variables: string list

    /// A variable of the process environment; a blank value counts as missing.
    val variable: name: string -> string option

    /// The settings from ASTRO_API_TOKEN, ASTRO_ORGANIZATION_ID, ASTRO_DEPLOYMENT_ID, ASTRO_BASE_URL and
    /// ASTRO_API_VERSION, read with `read`.
    val settingsWith: read: (string -> string option) -> Settings

    /// A connection with an explicit base address, bearer token, organization and deployment.
    val create: baseAddress: Uri -> apiToken: string -> organizationId: string -> deploymentId: string -> Connection

    /// The Astro API when the bearer token and organization are set (and the deployment, with `requireDeployment`),
    /// the embedded sandbox when none of the three is; when only some are, an error that names the missing ones
    /// (and the set ones, never their values). A bad API version or base URL is an error too (a URL is never shown).
    val resolveSettings: requireDeployment: bool -> settings: Settings -> Result<Backend, string>

    /// `resolveSettings` over variables read with `read`, a deployment required.
    val resolveWith: read: (string -> string option) -> Result<Backend, string>

    /// `resolveWith` over the process environment (blank values count as missing).
    val resolve: unit -> Result<Backend, string>

    /// The Astro API from variables read with `read`; an Error (naming what is missing) instead of the sandbox.
    val fromEnvironmentWith: read: (string -> string option) -> Result<Connection, string>

    /// `fromEnvironmentWith` over the process environment.
    val fromEnvironment: unit -> Result<Connection, string>

    /// The query for all tokens of the connection's deployment; an Error when it has none (organization-wide).
    val query: c: Connection -> Result<Query, string>
