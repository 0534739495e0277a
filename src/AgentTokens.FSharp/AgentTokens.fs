/// Pipeable functions over the client: listing (streamed), paging, and get/create/delete as Results.
/// Listings are `IAsyncEnumerable`s, usable with .NET 10's System.Linq.AsyncEnumerable; they raise the core's
/// `AstroApiException`. The single-token calls return `Result<_, ApiFailure>` instead.
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.AgentTokens

open System
open System.Collections.Generic
open System.Linq
open System.Threading.Tasks
open global.AgentTokens

/// One page of a listing.
type Page =
    { Offset: int
      Limit: int
      TotalCount: int
      Tokens: Token list }

/// What CreateAgentToken needs: a name, and optionally a description and an expiry period (1 to 3650 days).
type NewToken =
    { Name: string
      Description: string option
      ExpiryPeriodInDays: int option }

/// A token request with just a name: it never expires.
let newToken (name: string) = { Name = name; Description = None; ExpiryPeriodInDays = None }

/// The tokens of a query, streamed page by page (1000 per page unless the query says otherwise).
/// A bad query raises ArgumentException here, before any request.
let list (client: AgentTokensClient) (query: Query) : IAsyncEnumerable<Token> =
    AsyncEnumerable.Select(client.ListAsync(Query.toCore query), Func<AgentToken, Token>(Convert.token))

/// The pages of a query, with their offsets and totalCount.
let pages (client: AgentTokensClient) (query: Query) : IAsyncEnumerable<Page> =
    let page (p: AgentTokenPage) =
        { Offset = p.Offset; Limit = p.Limit; TotalCount = p.TotalCount; Tokens = [ for t in p.Tokens -> Convert.token t ] }
    AsyncEnumerable.Select(client.ListPagesAsync(Query.toCore query), Func<AgentTokenPage, Page>(page))

/// Reads a whole stream into a list.
let toList (stream: IAsyncEnumerable<'T>) : Task<'T list> =
    task {
        let! items = stream.ToArrayAsync()
        return List.ofArray items
    }

/// Reads a whole stream into an array.
let toArray (stream: IAsyncEnumerable<'T>) : Task<'T array> = stream.ToArrayAsync().AsTask()

let private attempt (method: string) (call: unit -> Task<'T>) : Task<Result<'T, ApiFailure>> =
    task {
        try
            let! value = call ()
            return Ok value
        with
        | :? AstroApiException as e -> return Error(ApiFailure.ofException e)
        | :? ArgumentException as e -> return Error(ApiFailure.ofArgument method e)
    }

/// One token by ID.
let get (client: AgentTokensClient) (organizationId: string) (deploymentId: string) (tokenId: string) : Task<Result<Token, ApiFailure>> =
    attempt "GET" (fun () -> task {
        let! token = client.GetAsync(organizationId, deploymentId, tokenId)
        return Convert.token token })

/// Creates a token; the answer carries its secret, which the API shows only this once.
let create (client: AgentTokensClient) (organizationId: string) (deploymentId: string) (request: NewToken) : Task<Result<CreatedToken, ApiFailure>> =
    attempt "POST" (fun () -> task {
        let! token =
            client.CreateAsync(organizationId, deploymentId, request.Name, Option.toObj request.Description,
                               Option.toNullable request.ExpiryPeriodInDays)
        return Convert.created token })

/// Deletes a token.
let delete (client: AgentTokensClient) (organizationId: string) (deploymentId: string) (tokenId: string) : Task<Result<unit, ApiFailure>> =
    attempt "DELETE" (fun () -> task { do! client.DeleteAsync(organizationId, deploymentId, tokenId) })

/// The organization's deployments, each once.
let deployments (client: AgentTokensClient) (organizationId: string) : IAsyncEnumerable<DeploymentInfo> =
    AsyncEnumerable.Select(client.ListDeploymentsAsync organizationId, Func<Deployment, DeploymentInfo>(Convert.deployment))

/// Every agent token of the organization with its deployment, listing up to `concurrency` deployments at once
/// within the rate limit (so D deployments take about D/25 seconds). "Which tokens expire this month" is
/// `organization client org 8 |> filter (snd >> Analysis.expiresWithin (TimeSpan.FromDays 30.0) now)`.
let organization (client: AgentTokensClient) (organizationId: string) (concurrency: int) : IAsyncEnumerable<DeploymentInfo * Token> =
    AsyncEnumerable.Select(
        client.ListOrganizationAsync(organizationId, concurrency),
        Func<DeploymentAgentToken, DeploymentInfo * Token>(fun d -> Convert.deployment d.Deployment, Convert.token d.Token))
