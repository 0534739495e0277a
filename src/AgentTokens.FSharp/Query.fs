namespace AgentTokens.FSharp

open System.Threading

/// What to list: an immutable value built by pipeline, e.g.
/// `Query.forDeployment org dep |> Query.sortBy [ Desc CreatedAt; Asc Name ] |> Query.pageSize 500 |> Query.take 100`.
type Query =
    { OrganizationId: string
      DeploymentId: string
      Sorts: Sort list
      PageSize: int option
      Take: int option
      /// Cancels the listing: it ends at once with OperationCanceledException.
      CancellationToken: CancellationToken }

/// Functions that build a `Query`; each returns a new value.
[<RequireQualifiedAccess>]
module Query =
    /// All tokens of one deployment, in the API's default order, 1000 per page.
    let forDeployment (organizationId: string) (deploymentId: string) =
        { OrganizationId = organizationId; DeploymentId = deploymentId; Sorts = []; PageSize = None; Take = None; CancellationToken = CancellationToken.None }

    /// Sorts in priority order (replacing earlier ones). A field may appear once: `Asc Name` and `Desc Name` together are refused when listing.
    let sortBy (sorts: Sort list) (query: Query) = { query with Sorts = sorts }

    /// The page size, 1 to 1000 (checked when listing).
    let pageSize (size: int) (query: Query) = { query with PageSize = Some size }

    /// Stop after `count` tokens, without fetching further pages.
    let take (count: int) (query: Query) = { query with Take = Some count }

    /// Cancels the listing with `token`: it ends at once with OperationCanceledException.
    let cancelWith (token: CancellationToken) (query: Query) = { query with CancellationToken = token }

    /// The core's query for this value.
    let internal toCore (query: Query) =
        AgentTokens.AgentTokenListQuery(
            query.OrganizationId,
            query.DeploymentId,
            Sorts = [| for s in query.Sorts -> Convert.toTokenSort s |],
            PageSize = Option.toNullable query.PageSize,
            MaxItems = Option.toNullable query.Take)
