namespace AgentTokens.FSharp

open System.Threading
open System.Threading.Tasks

/// Every token an audit covers, deployment by deployment, at the time it was read.
type Audit =
    { OrganizationId: string
      /// Each deployment covered with its tokens; deployments without tokens are here too, with none.
      Deployments: DeploymentTokens list }

    /// Every token, with no deployment.
    member Tokens: Token list

/// Reading what a connection covers: its deployment, or every Remote Execution deployment of its organization.
[<RequireQualifiedAccess>]
module Audit =
    /// Reads the tokens a connection covers, `concurrency` deployments at a time; `progress` is told (done, total)
    /// for an organization, on the listing's own threads. Deployments come sorted by name. Cancelling ends it at
    /// once with OperationCanceledException.
    val collect:
        c: Connection -> concurrency: int -> progress: (int -> int -> unit) -> cancellationToken: CancellationToken
            -> Task<Result<Audit, ApiFailure>>
