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

/// The caller's own input checked by the core before any I/O (the pure builder, or a listing's own check): only
/// its refusal is `Invalid`; an ArgumentException from anywhere else is a bug and stays an exception.
let private checkInput (check: unit -> unit) : Result<unit, ApiFailure> =
    try
        check ()
        Ok()
    with :? ArgumentException as e -> Error(ApiFailure.ofInvalidInput e)

/// A stream that fails as soon as it is read, with `failure`.
let private failed (failure: ApiFailure) : IAsyncEnumerable<'T> =
    { new IAsyncEnumerable<'T> with
        member _.GetAsyncEnumerator(_) =
            { new IAsyncEnumerator<'T> with
                member _.Current = Unchecked.defaultof<'T>
                member _.MoveNextAsync() = ValueTask<bool>(Task.FromException<bool>(ApiFailureException failure))
              interface IAsyncDisposable with
                member _.DisposeAsync() = ValueTask.CompletedTask } }

/// A listing of `query` after its check.
let private checkedStream (client: Client) (query: Query) (stream: unit -> IAsyncEnumerable<'T>) =
    match checkInput (fun () -> client.Validate(Query.toCore query)) with
    | Error failure -> failed failure
    | Ok() -> failingAs stream

/// A call after its input's check.
let private checkedCall (check: unit -> unit) (call: unit -> Task<'T>) : Task<Result<'T, ApiFailure>> =
    match checkInput check with
    | Error failure -> Task.FromResult(Error failure)
    | Ok() -> attempt call

let ofCore (token: AgentTokens.AgentToken) : Token = Convert.token token

let ofDeployment (deployment: AgentTokens.DeploymentAgentTokens) : DeploymentTokens =
    { Deployment = Convert.deployment deployment.Deployment; Tokens = [ for t in deployment.Tokens -> Convert.token t ] }

let newToken (name: string) : NewToken = { Name = name; Description = None; ExpiryPeriodInDays = None }

let list (client: Client) (query: Query) : IAsyncEnumerable<Token> =
    checkedStream client query (fun () -> client.ListAsync(Query.toCore query, query.CancellationToken).Select(Convert.token))

let pages (client: Client) (query: Query) : IAsyncEnumerable<Page> =
    checkedStream client query (fun () -> client.ListPagesAsync(Query.toCore query, query.CancellationToken).Select(Convert.page))

let listAll (client: Client) (query: Query) : Task<Result<Listing, ApiFailure>> =
    checkedCall (fun () -> client.Validate(Query.toCore query)) (fun () -> task {
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
    let version = client.Options.ApiVersion
    checkedCall (fun () -> AgentTokens.AgentTokenRequests.GetAgentToken(version, organizationId, deploymentId, tokenId) |> ignore) (fun () -> task {
        let! token = client.GetAsync(organizationId, deploymentId, tokenId, cancellationToken)
        return Convert.token token })

let create (client: Client) (organizationId: string) (deploymentId: string) (request: NewToken) (cancellationToken: CancellationToken) : Task<Result<CreatedToken, ApiFailure>> =
    let check () =
        AgentTokens.AgentTokenRequests.CreateAgentToken(
            client.Options.ApiVersion, organizationId, deploymentId, request.Name, Option.toObj request.Description, Option.toNullable request.ExpiryPeriodInDays)
        |> ignore
    checkedCall check (fun () -> task {
        let! token =
            client.CreateAsync(organizationId, deploymentId, request.Name, Option.toObj request.Description,
                               Option.toNullable request.ExpiryPeriodInDays, cancellationToken)
        return Convert.created token })

let delete (client: Client) (organizationId: string) (deploymentId: string) (tokenId: string) (cancellationToken: CancellationToken) : Task<Result<Deletion, ApiFailure>> =
    task {
        let check () = AgentTokens.AgentTokenRequests.DeleteAgentToken(client.Options.ApiVersion, organizationId, deploymentId, tokenId) |> ignore
        match! checkedCall check (fun () -> task { do! client.DeleteAsync(organizationId, deploymentId, tokenId, cancellationToken) }) with
        | Ok() -> return Ok Deleted
        | Error(NotFound _) -> return Ok AlreadyAbsent
        | Error failure -> return Error failure
    }

let deployments (client: Client) (organizationId: string) (cancellationToken: CancellationToken) : IAsyncEnumerable<DeploymentInfo> =
    match checkInput (fun () -> AgentTokens.AgentTokenRequests.ListDeployments(client.Options.ApiVersion, organizationId) |> ignore) with
    | Error failure -> failed failure
    | Ok() ->
    failingAs (fun () -> client.ListDeploymentsAsync(organizationId, cancellationToken).Select(Convert.deployment))

let organization (client: Client) (organizationId: string) (concurrency: int) (cancellationToken: CancellationToken) : IAsyncEnumerable<DeploymentTokens> =
    match checkInput (fun () -> AgentTokens.AgentTokenRequests.ListDeployments(client.Options.ApiVersion, organizationId) |> ignore) with
    | Error failure -> failed failure
    | Ok() when concurrency < 1 ->
        failed (ApiFailure.ofInvalidInput (ArgumentOutOfRangeException("concurrency", concurrency, "concurrency must be at least 1.")))
    | Ok() ->
    failingAs (fun () ->
        client.ListOrganizationDeploymentsAsync(organizationId, concurrency, null, cancellationToken)
            .Where(fun d -> isNull d.Problem)
            .Select(ofDeployment))
