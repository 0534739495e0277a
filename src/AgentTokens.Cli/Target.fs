/// Where a command's tokens come from: Astro (flags and ASTRO_* variables) or an in-process sandbox.
module AgentTokens.Cli.Target

open System
open System.Threading.Tasks
open AgentTokens
open AgentTokens.FSharp
open AgentTokens.Sandbox

/// A connection and a description of it; disposing stops the sandbox, if one was started.
type Target =
    { Connection: Connection
      Description: string
      Now: DateTimeOffset
      Sandbox: Sandbox option }

    interface IAsyncDisposable with
        member t.DisposeAsync() =
            t.Connection.Client.Dispose()
            match t.Sandbox with
            | Some s -> s.DisposeAsync()
            | None -> ValueTask.CompletedTask

/// The process environment, blank values counting as absent.
let environment = Connection.variable

/// An in-process sandbox seeded with `tokens` tokens.
let sandbox (tokens: int) (seed: int) (configure: AgentTokensClientOptions -> AgentTokensClientOptions) : Task<Target> =
    task {
        let! s = Sandbox.StartAsync(SandboxOptions(Tokens = tokens, Seed = seed))
        let options = configure (AgentTokensClientOptions(BaseAddress = s.BaseAddress, ApiToken = s.ApiToken))
        return
            { Connection = { Client = new AgentTokensClient(options); OrganizationId = s.OrganizationId; DeploymentId = s.DeploymentId }
              Description = sprintf "sandbox (seed %d, %d tokens)" seed tokens
              Now = s.Now
              Sandbox = Some s }
    }

/// Astro from flags and the environment, or the sandbox with --sandbox. An Error is a usage problem (exit 2).
let resolve (flags: Arguments.ApiFlags) (configure: AgentTokensClientOptions -> AgentTokensClientOptions) : Task<Result<Target, string>> =
    task {
        if flags.Sandbox then
            let! t = sandbox 250 7 configure
            let connection =
                { t.Connection with
                    OrganizationId = defaultArg flags.Organization t.Connection.OrganizationId
                    DeploymentId = defaultArg flags.Deployment t.Connection.DeploymentId }
            return Ok { t with Connection = connection }
        else
            let required (variable: string) (flagName: string) flag =
                match flag |> Option.orElse (environment variable) with
                | Some v -> Ok v
                | None -> Error(if flagName = "" then variable else sprintf "%s (or %s)" variable flagName)
            let version =
                match flags.ApiVersion |> Option.orElse (environment "ASTRO_API_VERSION") with
                | None -> Ok ApiVersion.V1
                | Some text ->
                    match ApiVersions.TryParse text with
                    | true, v -> Ok v
                    | _ -> Error(sprintf "API version '%s' is not one of v1, iam-v1beta1, platform-v1beta1." text)
            let baseUrl =
                match flags.BaseUrl |> Option.orElse (environment "ASTRO_BASE_URL") with
                | None -> Ok AgentTokensClientOptions.DefaultBaseAddress
                | Some text ->
                    match Uri.TryCreate(text, UriKind.Absolute) with
                    | true, uri -> Ok uri
                    | _ -> Error(sprintf "base URL '%s' is not an absolute URL." text)
            let missing =
                [ required "ASTRO_API_TOKEN" "" None; required "ASTRO_ORGANIZATION_ID" "--organization" flags.Organization
                  required "ASTRO_DEPLOYMENT_ID" "--deployment" flags.Deployment ]
                |> List.choose (function Error n -> Some n | Ok _ -> None)
            match missing, version, baseUrl with
            | _ :: _, _, _ -> return Error(sprintf "missing %s; to try it without an Astro account, add --sandbox." (String.concat ", " missing))
            | [], Error e, _ | [], _, Error e -> return Error e
            | [], Ok version, Ok baseUrl ->
                try
                    let options =
                        configure (AgentTokensClientOptions(BaseAddress = baseUrl, ApiVersion = version, ApiToken = (environment "ASTRO_API_TOKEN").Value))
                    let client = new AgentTokensClient(options)
                    let org = flags.Organization |> Option.orElse (environment "ASTRO_ORGANIZATION_ID") |> Option.get
                    let dep = flags.Deployment |> Option.orElse (environment "ASTRO_DEPLOYMENT_ID") |> Option.get
                    return Ok { Connection = { Client = client; OrganizationId = org; DeploymentId = dep }
                                Description = sprintf "Astro API at %s, deployment %s" baseUrl.Host dep
                                Now = DateTimeOffset.UtcNow
                                Sandbox = None }
                with :? ArgumentException as e -> return Error(e.Message.Split('\n').[0].Trim())
    }

/// The report's source: Astro when all three ASTRO_* variables are set (and --sandbox is not given), else a sandbox.
let forReport (forceSandbox: bool) (tokens: int) (seed: int) : Task<Result<Target, string>> =
    let configured = Connection.variables |> List.forall (environment >> Option.isSome)
    if forceSandbox || not configured then
        task {
            let! t = sandbox tokens seed id
            return Ok t
        }
    else
        resolve { Organization = None; Deployment = None; BaseUrl = None; ApiVersion = None; Sandbox = false } id
