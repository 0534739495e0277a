// The promised surface and its documentation: Connection.fsi.
namespace AgentTokens.FSharp

open System

type Connection =
    { Client: Client
      OrganizationId: string
      DeploymentId: string option }

    member c.Query =
        match c.DeploymentId with
        | Some d -> Query.forDeployment c.OrganizationId d
        | None -> invalidOp "This connection covers a whole organization: it has no deployment to query."

type Settings =
    { ApiToken: Secret option
      OrganizationId: string option
      DeploymentId: string option
      BaseUrl: string option
      ApiVersion: string option
      Lenient: bool
      VerifyBoundaries: bool }

type Backend =
    | Astro of Connection
    | EmbeddedSandbox

[<RequireQualifiedAccess>]
module Connection =
    let variables = [ "ASTRO_API_TOKEN"; "ASTRO_ORGANIZATION_ID"; "ASTRO_DEPLOYMENT_ID" ]

    let variable (name: string) =
        match Environment.GetEnvironmentVariable name with
        | null -> None
        | v when String.IsNullOrWhiteSpace v -> None
        | v -> Some v

    let settingsWith (read: string -> string option) : Settings =
        { ApiToken = read "ASTRO_API_TOKEN" |> Option.map Secret.Of; OrganizationId = read "ASTRO_ORGANIZATION_ID"; DeploymentId = read "ASTRO_DEPLOYMENT_ID"
          BaseUrl = read "ASTRO_BASE_URL"; ApiVersion = read "ASTRO_API_VERSION"; Lenient = false; VerifyBoundaries = false }

    let private client (apiToken: Secret) (settings: Settings) =
        let version =
            match settings.ApiVersion with
            | None -> Ok AgentTokens.ApiVersion.V1
            | Some text ->
                match AgentTokens.ApiVersions.TryParse text with
                | true, v -> Ok v
                | _ -> Error($"API version '{AgentTokens.TerminalText.Escape text}' is not one of v1, iam-v1beta1, platform-v1beta1.")
        let address =
            match settings.BaseUrl with
            | None -> Ok ClientOptions.DefaultBaseAddress
            | Some text ->
                match Uri.TryCreate(text, UriKind.Absolute) with
                | true, uri -> Ok uri
                | _ -> Error "The base URL is not an absolute URL (it is not shown: it may hold a credential)."
        match version, address with
        | Error e, _ | _, Error e -> Error e
        | Ok version, Ok address ->
            let completeness = if settings.Lenient then AgentTokens.Completeness.Lenient else AgentTokens.Completeness.Strict
            let options =
                ClientOptions(BaseAddress = address, ApiToken = apiToken.Reveal(), ApiVersion = version, Completeness = completeness, VerifyPageBoundaries = settings.VerifyBoundaries)
            try Ok(new Client(options))
            with :? ArgumentException as e -> Error(e.Message.Split('\n').[0].Trim())

    let create (baseAddress: Uri) (apiToken: string) (organizationId: string) (deploymentId: string) =
        { Client = new Client(ClientOptions(BaseAddress = baseAddress, ApiToken = apiToken)); OrganizationId = organizationId; DeploymentId = Some deploymentId }

    let resolveSettings (requireDeployment: bool) (settings: Settings) : Result<Backend, string> =
        let given = [ "ASTRO_API_TOKEN", settings.ApiToken |> Option.map ignore; "ASTRO_ORGANIZATION_ID", settings.OrganizationId |> Option.map ignore; "ASTRO_DEPLOYMENT_ID", settings.DeploymentId |> Option.map ignore ]
        let required = if requireDeployment then given else List.take 2 given
        let set = [ for name, value in given do if value.IsSome then yield name ]
        let missing = [ for name, value in required do if value.IsNone then yield name ]
        match set, missing, settings.ApiToken, settings.OrganizationId with
        | [], _, _, _ -> Ok EmbeddedSandbox
        | _, [], Some apiToken, Some organizationId ->
            client apiToken settings
            |> Result.map (fun c -> Astro { Client = c; OrganizationId = organizationId; DeploymentId = settings.DeploymentId })
        | _ ->
            let verb (names: string list) = if names.Length = 1 then "is" else "are"
            Error(
                String.concat " and " set + " " + verb set + " set but " + String.concat " and " missing + " " + verb missing
                + " not: set " + (if requireDeployment then "all three" else "ASTRO_API_TOKEN and ASTRO_ORGANIZATION_ID")
                + " to use the Astro API, or none to use the embedded sandbox.")

    let resolveWith (read: string -> string option) : Result<Backend, string> = resolveSettings true (settingsWith read)

    let resolve () = resolveWith variable

    let fromEnvironmentWith (read: string -> string option) : Result<Connection, string> =
        match resolveWith read with
        | Ok(Astro c) -> Ok c
        | Ok EmbeddedSandbox -> Error("Missing " + String.concat ", " variables + ": set them to use the Astro API (AgentTokens.Sandbox needs none).")
        | Error e -> Error e

    let fromEnvironment () = fromEnvironmentWith variable

    let query (c: Connection) : Result<Query, string> =
        match c.DeploymentId with
        | Some d -> Ok(Query.forDeployment c.OrganizationId d)
        | None -> Error "No deployment: set ASTRO_DEPLOYMENT_ID or --deployment."
