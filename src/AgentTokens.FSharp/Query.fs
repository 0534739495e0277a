namespace AgentTokens.FSharp

open System

/// What to list: an immutable value built by pipeline, e.g.
/// `Query.forDeployment org dep |> Query.sortBy [ Desc CreatedAt; Asc Name ] |> Query.pageSize 500 |> Query.take 100`.
type Query =
    { OrganizationId: string
      DeploymentId: string
      Sorts: Sort list
      PageSize: int option
      Take: int option }

/// Functions that build a `Query`; each returns a new value.
[<RequireQualifiedAccess>]
module Query =
    /// All tokens of one deployment, in the API's default order, 1000 per page.
    let forDeployment (organizationId: string) (deploymentId: string) =
        { OrganizationId = organizationId; DeploymentId = deploymentId; Sorts = []; PageSize = None; Take = None }

    /// Sorts in priority order (replacing earlier ones). A field may appear once: `Asc Name` and `Desc Name` together are refused when listing.
    let sortBy (sorts: Sort list) (query: Query) = { query with Sorts = sorts }

    /// The page size, 1 to 1000 (checked when listing).
    let pageSize (size: int) (query: Query) = { query with PageSize = Some size }

    /// Stop after `count` tokens, without fetching further pages.
    let take (count: int) (query: Query) = { query with Take = Some count }

    /// The core's query for this value.
    let toCore (query: Query) =
        AgentTokens.AgentTokenListQuery(
            query.OrganizationId,
            query.DeploymentId,
            Sorts = [| for s in query.Sorts -> Convert.toTokenSort s |],
            PageSize = Option.toNullable query.PageSize,
            MaxItems = Option.toNullable query.Take)
