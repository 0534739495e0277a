namespace AgentTokens.FSharp

open System.Threading

/// What to list: an immutable value built by pipeline, e.g.
/// `Query.forDeployment org dep |> Query.sortBy [ Desc CreatedAt; Asc Name ] |> Query.pageSize 500 |> Query.take 100`.
type Query =
    { OrganizationId: string
      DeploymentId: string
      /// Sorts in priority order.
      Sorts: Sort list
      /// The page size, 1 to 1000; None for 1000.
      PageSize: int option
      /// At most this many tokens; None for all.
      Take: int option
      /// Cancels the listing: it ends at once with OperationCanceledException.
      CancellationToken: CancellationToken }

/// Functions that build a `Query`; each returns a new value.
[<RequireQualifiedAccess>]
module Query =
    /// All tokens of one deployment, in the API's default order, 1000 per page.
    val forDeployment: organizationId: string -> deploymentId: string -> Query

    /// Sorts in priority order (replacing earlier ones). A field may appear once: `Asc Name` and `Desc Name`
    /// together are refused when listing.
    val sortBy: sorts: Sort list -> query: Query -> Query

    /// The page size, 1 to 1000 (checked when listing).
    val pageSize: size: int -> query: Query -> Query

    /// Stop after `count` tokens, without fetching further pages.
    val take: count: int -> query: Query -> Query

    /// Cancels the listing with `token`: it ends at once with OperationCanceledException.
    val cancelWith: token: CancellationToken -> query: Query -> Query

    /// The path and query of the first request a listing of this query sends, relative to the base address, as
    /// the API receives it: e.g. `v1/organizations/o/deployments/d/agent-tokens?offset=0&limit=1000&sorts=createdAt:desc`.
    /// A query the API would refuse raises ArgumentException naming the problem.
    val firstRequest: version: ApiVersion -> query: Query -> string

    /// The core's query for this value.
    val internal toCore: query: Query -> AgentTokens.AgentTokenListQuery
