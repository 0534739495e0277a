/// The agent-token operations, F# style: listings as streams (which raise `ApiFailureException`) or whole
/// (`Result`), and get, create and delete as `Task<Result<_, ApiFailure>>`. Every one takes a cancellation token.
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.Tokens

open System
open System.Collections.Generic
open System.Linq
open System.Threading
open System.Threading.Tasks

/// A stream whose failures are raised as `ApiFailureException` (cancellation passes as it is).
let private failingAs (stream: unit -> IAsyncEnumerable<'T>) : IAsyncEnumerable<'T> =
    { new IAsyncEnumerable<'T> with
        member _.GetAsyncEnumerator(cancellationToken) =
            let translate (e: exn) =
                match e with
                | :? OperationCanceledException -> raise e
                | _ ->
                    match ApiFailure.tryOfException e with
                    | Some failure -> raise (ApiFailureException failure)
                    | None -> raise e
            let inner = lazy (try (stream ()).GetAsyncEnumerator(cancellationToken) with e -> translate e)
            { new IAsyncEnumerator<'T> with
                member _.Current = inner.Value.Current
                member _.MoveNextAsync() =
                    ValueTask<bool>(task {
                        try return! inner.Value.MoveNextAsync()
                        with e -> return translate e
                    })
              interface IAsyncDisposable with
                member _.DisposeAsync() = if inner.IsValueCreated then inner.Value.DisposeAsync() else ValueTask.CompletedTask } }

/// Runs a call, turning a failure of the API call into `Error`.
let private attempt (call: unit -> Task<'T>) : Task<Result<'T, ApiFailure>> =
    task {
        try
            let! value = call ()
            return Ok value
        with e ->
            match ApiFailure.tryOfException e with
            | Some failure -> return Error failure
            | None -> return raise e
    }

/// The F# view of a token of the C# core (for code that holds one); the secret is left behind.
let ofCore (token: AgentTokens.AgentToken) : Token = Convert.token token

/// A token request with just a name: it never expires.
let newToken (name: string) : NewToken = { Name = name; Description = None; ExpiryPeriodInDays = None }

/// The tokens of a query, streamed page by page (1000 per page unless the query says otherwise). A failure,
/// a bad query included, raises `ApiFailureException` when the stream is read.
let list (client: Client) (query: Query) : IAsyncEnumerable<Token> =
    failingAs (fun () -> client.ListAsync(Query.toCore query, query.CancellationToken).Select(Convert.token))

/// The pages of a query, with their offsets and totalCount; pages of a re-read hold only tokens not yielded before.
let pages (client: Client) (query: Query) : IAsyncEnumerable<Page> =
    failingAs (fun () -> client.ListPagesAsync(Query.toCore query, query.CancellationToken).Select(Convert.page))

/// The whole listing of a query, with what the pager saw, or the failure.
let listAll (client: Client) (query: Query) : Task<Result<Listing, ApiFailure>> =
    attempt (fun () -> task {
        let diagnostics = AgentTokens.ListingDiagnostics()
        let! tokens = client.ListAsync(Query.toCore query, diagnostics, query.CancellationToken).ToArrayAsync(query.CancellationToken)
        return { Tokens = [ for t in tokens -> Convert.token t ]; Diagnostics = Convert.diagnostics diagnostics } })

/// One token by ID.
let get (client: Client) (organizationId: string) (deploymentId: string) (tokenId: string) (cancellationToken: CancellationToken) : Task<Result<Token, ApiFailure>> =
    attempt (fun () -> task {
        let! token = client.GetAsync(organizationId, deploymentId, tokenId, cancellationToken)
        return Convert.token token })

/// Creates a token; the answer carries its secret, which the API shows only this once.
let create (client: Client) (organizationId: string) (deploymentId: string) (request: NewToken) (cancellationToken: CancellationToken) : Task<Result<CreatedToken, ApiFailure>> =
    attempt (fun () -> task {
        let! token =
            client.CreateAsync(organizationId, deploymentId, request.Name, Option.toObj request.Description,
                               Option.toNullable request.ExpiryPeriodInDays, cancellationToken)
        return Convert.created token })

/// Deletes a token: `Deleted`, or `AlreadyAbsent` when there was none with that ID (a 404 on the first attempt; a
/// 404 on a retry means an earlier attempt deleted it, which is `Deleted`).
let delete (client: Client) (organizationId: string) (deploymentId: string) (tokenId: string) (cancellationToken: CancellationToken) : Task<Result<Deletion, ApiFailure>> =
    task {
        match! attempt (fun () -> task { do! client.DeleteAsync(organizationId, deploymentId, tokenId, cancellationToken) }) with
        | Ok() -> return Ok Deleted
        | Error(NotFound _) -> return Ok AlreadyAbsent
        | Error failure -> return Error failure
    }

/// The organization's deployments, each once.
let deployments (client: Client) (organizationId: string) (cancellationToken: CancellationToken) : IAsyncEnumerable<DeploymentInfo> =
    failingAs (fun () -> client.ListDeploymentsAsync(organizationId, cancellationToken).Select(Convert.deployment))

/// Every deployment of the organization with Remote Execution, each with all its tokens (none for a deployment that
/// holds none), listing up to `concurrency` deployments at once within the rate limit (D deployments take about
/// D/25 seconds). They come in the order they finish.
let organization (client: Client) (organizationId: string) (concurrency: int) (cancellationToken: CancellationToken) : IAsyncEnumerable<DeploymentTokens> =
    failingAs (fun () ->
        client.ListOrganizationDeploymentsAsync(organizationId, concurrency, null, cancellationToken)
            .Select(fun d -> { Deployment = Convert.deployment d.Deployment; Tokens = [ for t in d.Tokens -> Convert.token t ] }))
