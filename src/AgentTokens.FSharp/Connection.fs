namespace AgentTokens.FSharp

open System
open AgentTokens

/// A client and the deployment it audits: what a notebook or script needs to start.
type Connection =
    { Client: AgentTokensClient
      OrganizationId: string
      DeploymentId: string }

    /// A query for all tokens of the connection's deployment.
    member c.Query = Query.forDeployment c.OrganizationId c.DeploymentId

/// Where the environment points: the Astro API when ASTRO_API_TOKEN, ASTRO_ORGANIZATION_ID and ASTRO_DEPLOYMENT_ID
/// are all set, the embedded sandbox when none is. Some but not all is a mistake, never a silent fallback.
type Backend =
    /// The Astro API, from the environment.
    | Astro of Connection
    /// No ASTRO_* variable is set: start the embedded sandbox (AgentTokens.Sandbox) and connect to it.
    | EmbeddedSandbox

/// Making connections from settings or from the environment.
[<RequireQualifiedAccess>]
module Connection =
    /// The variables `fromEnvironment` reads.
    let variables = [ "ASTRO_API_TOKEN"; "ASTRO_ORGANIZATION_ID"; "ASTRO_DEPLOYMENT_ID" ]

    /// Optional: `ASTRO_BASE_URL` (default https://api.astronomer.io) and `ASTRO_API_VERSION` (v1, iam-v1beta1, platform-v1beta1).
    let optionalVariables = [ "ASTRO_BASE_URL"; "ASTRO_API_VERSION" ]

    let private sandboxHint =
        "To work without an Astro account, use the sandbox: in a notebook or script, "
        + "`let! sandbox = AgentTokens.Sandbox.Sandbox.StartAsync()` and `Connection.create sandbox.BaseAddress sandbox.ApiToken sandbox.OrganizationId sandbox.DeploymentId`; "
        + "or run `dotnet run --project src/AgentTokens.Sandbox` and set ASTRO_BASE_URL to the address it prints, "
        + "ASTRO_API_TOKEN=sandbox-token and the organization and deployment IDs it prints."

    /// A connection with an explicit base address, bearer token, organization and deployment.
    let create (baseAddress: Uri) (apiToken: string) (organizationId: string) (deploymentId: string) =
        let options = AgentTokensClientOptions(BaseAddress = baseAddress, ApiToken = apiToken)
        { Client = new AgentTokensClient(options); OrganizationId = organizationId; DeploymentId = deploymentId }

    /// A connection from ASTRO_API_TOKEN, ASTRO_ORGANIZATION_ID and ASTRO_DEPLOYMENT_ID (plus the optional
    /// ASTRO_BASE_URL and ASTRO_API_VERSION). When any is missing, the error names them and says how to use the sandbox.
    let fromEnvironmentWith (read: string -> string option) : Result<Connection, string> =
        let missing = variables |> List.filter (read >> Option.isNone)
        if not missing.IsEmpty then
            Error(sprintf "Missing %s. %s" (String.concat ", " missing) sandboxHint)
        else
            let version =
                match read "ASTRO_API_VERSION" with
                | None -> Ok ApiVersion.V1
                | Some text ->
                    match ApiVersions.TryParse text with
                    | true, v -> Ok v
                    | _ -> Error(sprintf "ASTRO_API_VERSION '%s' is not one of v1, iam-v1beta1, platform-v1beta1." text)
            let baseAddress =
                match read "ASTRO_BASE_URL" with
                | None -> Ok AgentTokensClientOptions.DefaultBaseAddress
                | Some text ->
                    match Uri.TryCreate(text, UriKind.Absolute) with
                    | true, uri -> Ok uri
                    | _ -> Error(sprintf "ASTRO_BASE_URL '%s' is not an absolute URL." text)
            match version, baseAddress with
            | Error e, _ | _, Error e -> Error e
            | Ok version, Ok baseAddress ->
                try
                    let options = AgentTokensClientOptions(BaseAddress = baseAddress, ApiToken = (read "ASTRO_API_TOKEN").Value, ApiVersion = version)
                    Ok { Client = new AgentTokensClient(options)
                         OrganizationId = (read "ASTRO_ORGANIZATION_ID").Value
                         DeploymentId = (read "ASTRO_DEPLOYMENT_ID").Value }
                with :? ArgumentException as e -> Error e.Message

    /// A variable of the process environment; a blank value counts as missing.
    let variable (name: string) =
        match Environment.GetEnvironmentVariable name with
        | null -> None
        | v when String.IsNullOrWhiteSpace v -> None
        | v -> Some v

    /// `fromEnvironmentWith` over the process environment (blank values count as missing).
    let fromEnvironment () = fromEnvironmentWith variable

    /// The Astro API when all three variables are set, the embedded sandbox when none is; when only some are set,
    /// an error that names the missing ones (and the set ones, never their values).
    let resolveWith (read: string -> string option) : Result<Backend, string> =
        let set, missing = variables |> List.partition (read >> Option.isSome)
        match set, missing with
        | [], _ -> Ok EmbeddedSandbox
        | _, [] -> fromEnvironmentWith read |> Result.map Astro
        | _ ->
            Error(
                sprintf "%s %s set but %s %s not: set all three to use the Astro API, or none to use the embedded sandbox."
                    (String.concat " and " set) (if set.Length = 1 then "is" else "are")
                    (String.concat " and " missing) (if missing.Length = 1 then "is" else "are"))

    /// `resolveWith` over the process environment (blank values count as missing).
    let resolve () = resolveWith variable
