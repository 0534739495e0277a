/// The agent-token operations, F# style: listings as streams (which raise `ApiFailureException`) or whole
/// (`Result`), and get, create and delete as `Task<Result<_, ApiFailure>>`. Every one takes a cancellation token
/// (a listing's is the query's: `Query.cancelWith`); cancelling ends it at once with OperationCanceledException.
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.Tokens

open System.Collections.Generic
open System.Threading
open System.Threading.Tasks

/// The F# view of a token of the C# core (for code that holds one); the secret is left behind.
val ofCore: token: AgentTokens.AgentToken -> Token

/// The F# view of a deployment and its tokens as the core lists them (`ListOrganizationDeploymentsAsync`).
val ofDeployment: deployment: AgentTokens.DeploymentAgentTokens -> DeploymentTokens

/// A token request with just a name: it never expires.
val newToken: name: string -> NewToken

/// The tokens of a query, streamed page by page (1000 per page unless the query says otherwise). A failure,
/// a bad query included, raises `ApiFailureException` when the stream is read.
val list: client: Client -> query: Query -> IAsyncEnumerable<Token>

/// The pages of a query, with their offsets and totalCount; pages of a re-read hold only tokens not yielded before.
val pages: client: Client -> query: Query -> IAsyncEnumerable<Page>

/// The whole listing of a query, with what the pager saw, or the failure.
val listAll: client: Client -> query: Query -> Task<Result<Listing, ApiFailure>>

/// One token by ID.
val get:
    client: Client -> organizationId: string -> deploymentId: string -> tokenId: string -> cancellationToken: CancellationToken
        -> Task<Result<Token, ApiFailure>>

/// Creates a token; the answer carries its secret, which the API shows only this once.
val create:
    client: Client -> organizationId: string -> deploymentId: string -> request: NewToken -> cancellationToken: CancellationToken
        -> Task<Result<CreatedToken, ApiFailure>>

/// Deletes a token: `Deleted`, or `AlreadyAbsent` when there was none with that ID (a 404 on the first attempt; a
/// 404 on a retry means an earlier attempt deleted it, which is `Deleted`).
val delete:
    client: Client -> organizationId: string -> deploymentId: string -> tokenId: string -> cancellationToken: CancellationToken
        -> Task<Result<Deletion, ApiFailure>>

/// The organization's deployments, each once.
val deployments: client: Client -> organizationId: string -> cancellationToken: CancellationToken -> IAsyncEnumerable<DeploymentInfo>

/// Every deployment of the organization with Remote Execution, each with all its tokens (none for a deployment that
/// holds none), listing up to `concurrency` deployments at once within the rate limit (D deployments take about
/// D/25 seconds). They come in the order they finish. A deployment the server lists with an ID no request can carry
/// (blank, "." or "..") is not in this stream: `Audit.collect` reports it in `Skipped`.
val organization:
    client: Client -> organizationId: string -> concurrency: int -> cancellationToken: CancellationToken
        -> IAsyncEnumerable<DeploymentTokens>

