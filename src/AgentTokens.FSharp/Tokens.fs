// The promised surface and its documentation: Tokens.fsi.
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.Tokens

open System
open System.Collections.Generic
open System.Linq
open System.Threading
open System.Threading.Tasks

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

let ofCore (token: AgentTokens.AgentToken) : Token = Convert.token token

let ofDeployment (deployment: AgentTokens.DeploymentAgentTokens) : DeploymentTokens =
    { Deployment = Convert.deployment deployment.Deployment; Tokens = [ for t in deployment.Tokens -> Convert.token t ] }

let newToken (name: string) : NewToken = { Name = name; Description = None; ExpiryPeriodInDays = None }

let list (client: Client) (query: Query) : IAsyncEnumerable<Token> =
    failingAs (fun () -> client.ListAsync(Query.toCore query, query.CancellationToken).Select(Convert.token))

let pages (client: Client) (query: Query) : IAsyncEnumerable<Page> =
    failingAs (fun () -> client.ListPagesAsync(Query.toCore query, query.CancellationToken).Select(Convert.page))

let listAll (client: Client) (query: Query) : Task<Result<Listing, ApiFailure>> =
    attempt (fun () -> task {
        let diagnostics = AgentTokens.ListingDiagnostics()
        // Page by page with the enumerator itself: the one listing a short-lived process makes loads nothing more.
        use pages = client.ListPagesAsync(Query.toCore query, diagnostics, query.CancellationToken).GetAsyncEnumerator(query.CancellationToken)
        let tokens = ResizeArray()
        let! first = pages.MoveNextAsync()
        let mutable more = first
        while more do
            for t in pages.Current.Tokens do tokens.Add(Convert.token t)
            let! next = pages.MoveNextAsync()
            more <- next
        return { Tokens = List.ofSeq tokens; Diagnostics = Convert.diagnostics diagnostics } })

let get (client: Client) (organizationId: string) (deploymentId: string) (tokenId: string) (cancellationToken: CancellationToken) : Task<Result<Token, ApiFailure>> =
    attempt (fun () -> task {
        let! token = client.GetAsync(organizationId, deploymentId, tokenId, cancellationToken)
        return Convert.token token })

let create (client: Client) (organizationId: string) (deploymentId: string) (request: NewToken) (cancellationToken: CancellationToken) : Task<Result<CreatedToken, ApiFailure>> =
    attempt (fun () -> task {
        let! token =
            client.CreateAsync(organizationId, deploymentId, request.Name, Option.toObj request.Description,
                               Option.toNullable request.ExpiryPeriodInDays, cancellationToken)
        return Convert.created token })

let delete (client: Client) (organizationId: string) (deploymentId: string) (tokenId: string) (cancellationToken: CancellationToken) : Task<Result<Deletion, ApiFailure>> =
    task {
        match! attempt (fun () -> task { do! client.DeleteAsync(organizationId, deploymentId, tokenId, cancellationToken) }) with
        | Ok() -> return Ok Deleted
        | Error(NotFound _) -> return Ok AlreadyAbsent
        | Error failure -> return Error failure
    }

let deployments (client: Client) (organizationId: string) (cancellationToken: CancellationToken) : IAsyncEnumerable<DeploymentInfo> =
    failingAs (fun () -> client.ListDeploymentsAsync(organizationId, cancellationToken).Select(Convert.deployment))

let organization (client: Client) (organizationId: string) (concurrency: int) (cancellationToken: CancellationToken) : IAsyncEnumerable<DeploymentTokens> =
    failingAs (fun () ->
        client.ListOrganizationDeploymentsAsync(organizationId, concurrency, null, cancellationToken)
            .Select(fun d -> { Deployment = Convert.deployment d.Deployment; Tokens = [ for t in d.Tokens -> Convert.token t ] }))
