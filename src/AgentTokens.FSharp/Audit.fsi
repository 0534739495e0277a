namespace AgentTokens.FSharp

open System.Threading
open System.Threading.Tasks

/// A deployment the server listed but whose tokens could not be read, and why (an ID no request can carry).
type SkippedDeployment = { Deployment: DeploymentInfo; Reason: string }

/// Every token an audit covers, deployment by deployment, at the time it was read.
type Audit =
    { OrganizationId: string
      /// Each deployment covered with its tokens; deployments without tokens are here too, with none.
      Deployments: DeploymentTokens list
      /// Deployments listed by the server but not read (reported, never silently dropped); the rest were read.
      Skipped: SkippedDeployment list }

    /// Every token, with no deployment.
    member Tokens: Token list

/// Reading what a connection covers: its deployment, or every Remote Execution deployment of its organization.
[<RequireQualifiedAccess>]
module Audit =
    /// An audit of deployments as the core lists them (`ListOrganizationDeploymentsAsync`): those with a `Problem`
    /// are skipped (with it as the reason), the others sorted by name.
    val ofDeployments: organizationId: string -> deployments: AgentTokens.DeploymentAgentTokens seq -> Audit

    /// Reads the tokens a connection covers, `concurrency` deployments at a time; `progress` is told (done, total)
    /// for an organization, on the listing's own threads. Deployments come sorted by name. Cancelling ends it at
    /// once with OperationCanceledException.
    val collect:
        c: Connection -> concurrency: int -> progress: (int -> int -> unit) -> cancellationToken: CancellationToken
            -> Task<Result<Audit, ApiFailure>>
