// The promised surface and its documentation: Query.fsi.
namespace AgentTokens.FSharp

open System
open System.Threading

type Query =
    { OrganizationId: string
      DeploymentId: string
      Sorts: Sort list
      PageSize: int option
      Take: int option
      CancellationToken: CancellationToken }

[<RequireQualifiedAccess>]
module Query =
    let forDeployment (organizationId: string) (deploymentId: string) =
        { OrganizationId = organizationId; DeploymentId = deploymentId; Sorts = []; PageSize = None; Take = None; CancellationToken = CancellationToken.None }

    let sortBy (sorts: Sort list) (query: Query) = { query with Sorts = sorts }

    let pageSize (size: int) (query: Query) = { query with PageSize = Some size }

    let take (count: int) (query: Query) = { query with Take = Some count }

    let cancelWith (token: CancellationToken) (query: Query) = { query with CancellationToken = token }

    let firstRequest (version: ApiVersion) (query: Query) =
        let limit = min (defaultArg query.PageSize 1000) (defaultArg query.Take Int32.MaxValue)
        AgentTokens.AgentTokenRequests.ListAgentTokens(
            version, query.OrganizationId, query.DeploymentId, 0, Nullable limit, [ for s in query.Sorts -> Convert.toTokenSort s ]).RelativeUri

    let internal toCore (query: Query) =
        AgentTokens.AgentTokenListQuery(
            query.OrganizationId,
            query.DeploymentId,
            Sorts = [| for s in query.Sorts -> Convert.toTokenSort s |],
            PageSize = Option.toNullable query.PageSize,
            MaxItems = Option.toNullable query.Take)
