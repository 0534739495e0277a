// The promised surface and its documentation: Audit.fsi.
namespace AgentTokens.FSharp

open System
open System.Threading
open System.Threading.Tasks

type SkippedDeployment = { Deployment: DeploymentInfo; Reason: string }

type Audit =
    { OrganizationId: string
      Deployments: DeploymentTokens list
      Skipped: SkippedDeployment list }

    member a.Tokens = a.Deployments |> List.collect (fun d -> d.Tokens)

[<RequireQualifiedAccess>]
module Audit =
    let ofDeployments (organizationId: string) (deployments: AgentTokens.DeploymentAgentTokens seq) : Audit =
        let all = List.ofSeq deployments
        { OrganizationId = organizationId
          Deployments =
            [ for d in all do if isNull d.Problem then yield Tokens.ofDeployment d ]
            |> List.sortBy (fun d -> d.Deployment.Name, d.Deployment.Id)
          Skipped =
            [ for d in all do
                if not (isNull d.Problem) then
                    yield ({ Deployment = (Tokens.ofDeployment d).Deployment; Reason = d.Problem }: SkippedDeployment) ] }

    let private describe (c: Connection) (deploymentId: string) (cancellationToken: CancellationToken) =
        task {
            let fallback = { Id = deploymentId; Name = deploymentId; WorkspaceId = None; RemoteExecution = true }
            try
                let! all = Tokens.deployments c.Client c.OrganizationId cancellationToken |> Stream.toList
                return all |> List.tryFind (fun d -> d.Id = deploymentId) |> Option.defaultValue fallback
            with ApiFailureException _ -> return fallback
        }

    let collect (c: Connection) (concurrency: int) (progress: int -> int -> unit) (cancellationToken: CancellationToken) : Task<Result<Audit, ApiFailure>> =
        task {
            try
                match c.DeploymentId with
                | Some deploymentId ->
                    let query = Query.forDeployment c.OrganizationId deploymentId |> Query.cancelWith cancellationToken
                    match! Tokens.listAll c.Client query with
                    | Error failure -> return Error failure
                    | Ok listing ->
                        let! info = describe c deploymentId cancellationToken
                        return Ok { OrganizationId = c.OrganizationId; Deployments = [ ({ Deployment = info; Tokens = listing.Tokens }: DeploymentTokens) ]; Skipped = [] }
                | None ->
                    // Reported as it happens, on the listing's own threads (no synchronization context to post to).
                    let reporter = { new IProgress<struct (int * int)> with member _.Report(struct (finished, total)) = progress finished total }
                    let! deployments =
                        c.Client.ListOrganizationDeploymentsAsync(c.OrganizationId, concurrency, reporter, cancellationToken)
                        |> Stream.toList
                    return Ok(ofDeployments c.OrganizationId deployments)
            with
            | :? OperationCanceledException as e -> return raise e
            | e ->
                match ApiFailure.tryOfException e with
                | Some failure -> return Error failure
                | None -> return raise e
        }
