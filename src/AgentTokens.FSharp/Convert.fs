/// Every conversion between the C# core and the F# types lives here, and only here.
module AgentTokens.FSharp.Convert

open System

let private opt (value: 'T) = Option.ofObj value
let private optNullable (value: Nullable<'T>) = Option.ofNullable value

/// The core's field and direction for a `Sort`.
let toTokenSort (sort: Sort) : global.AgentTokens.TokenSort =
    let field f =
        match f with
        | Name -> global.AgentTokens.TokenSortField.Name
        | Description -> global.AgentTokens.TokenSortField.Description
        | CreatedAt -> global.AgentTokens.TokenSortField.CreatedAt
        | UpdatedAt -> global.AgentTokens.TokenSortField.UpdatedAt
        | CreatedById -> global.AgentTokens.TokenSortField.CreatedById
        | UpdatedById -> global.AgentTokens.TokenSortField.UpdatedById
        | TokenStartAt -> global.AgentTokens.TokenSortField.TokenStartAt
    match sort with
    | Asc f -> global.AgentTokens.TokenSort.Ascending(field f)
    | Desc f -> global.AgentTokens.TokenSort.Descending(field f)

/// The `Sort` for a core sort.
let ofTokenSort (sort: global.AgentTokens.TokenSort) : Sort =
    let field =
        match sort.Field with
        | global.AgentTokens.TokenSortField.Name -> Name
        | global.AgentTokens.TokenSortField.Description -> Description
        | global.AgentTokens.TokenSortField.CreatedAt -> CreatedAt
        | global.AgentTokens.TokenSortField.UpdatedAt -> UpdatedAt
        | global.AgentTokens.TokenSortField.CreatedById -> CreatedById
        | global.AgentTokens.TokenSortField.UpdatedById -> UpdatedById
        | global.AgentTokens.TokenSortField.TokenStartAt -> TokenStartAt
        | other -> invalidArg "sort" (sprintf "unknown sort field %O" other)
    if sort.Direction = global.AgentTokens.SortDirection.Descending then Desc field else Asc field

let kind (value: string) =
    match value with
    | "STANDARD" -> Kind.Standard
    | "DIRECT_ACCESS" -> Kind.DirectAccess
    | other -> Kind.Other other

let tokenType (value: string) =
    match value with
    | "DEPLOYMENT" -> TokenType.Deployment
    | "WORKSPACE" -> TokenType.Workspace
    | "ORGANIZATION" -> TokenType.Organization
    | other -> TokenType.Other other

let entityType (value: string) =
    match value with
    | "DEPLOYMENT" -> EntityType.Deployment
    | "WORKSPACE" -> EntityType.Workspace
    | "ORGANIZATION" -> EntityType.Organization
    | "DAG" -> EntityType.Dag
    | "DAG_TAG" -> EntityType.DagTag
    | other -> EntityType.Other other

let subjectType (value: string) =
    match value with
    | "USER" -> SubjectType.User
    | "SERVICEKEY" -> SubjectType.ServiceKey
    | other -> SubjectType.Other other

/// The API's wire text of each extensible value, for display and JSON.
let kindText = function Kind.Standard -> "STANDARD" | Kind.DirectAccess -> "DIRECT_ACCESS" | Kind.Other s -> s
let tokenTypeText = function TokenType.Deployment -> "DEPLOYMENT" | TokenType.Workspace -> "WORKSPACE" | TokenType.Organization -> "ORGANIZATION" | TokenType.Other s -> s
let entityTypeText =
    function
    | EntityType.Deployment -> "DEPLOYMENT" | EntityType.Workspace -> "WORKSPACE" | EntityType.Organization -> "ORGANIZATION"
    | EntityType.Dag -> "DAG" | EntityType.DagTag -> "DAG_TAG" | EntityType.Other s -> s
let subjectTypeText = function SubjectType.User -> "USER" | SubjectType.ServiceKey -> "SERVICEKEY" | SubjectType.Other s -> s

let subject (profile: global.AgentTokens.SubjectProfile) : Subject =
    { Id = profile.Id
      SubjectType = profile.SubjectType |> optNullable |> Option.map (fun t -> subjectType t.Value)
      FullName = opt profile.FullName
      Username = opt profile.Username
      AvatarUrl = opt profile.AvatarUrl
      ApiTokenName = opt profile.ApiTokenName }

let role (r: global.AgentTokens.TokenRole) : Role =
    { EntityId = r.EntityId
      EntityType = entityType r.EntityType.Value
      Role = r.Role
      DeploymentId = opt r.DeploymentId }

/// The F# view of a core token; the secret is left behind.
let token (t: global.AgentTokens.AgentToken) : Token =
    { Id = t.Id
      Name = t.Name
      Description = t.Description
      Kind = kind t.Kind.Value
      Type = tokenType t.Type.Value
      ShortToken = t.ShortToken
      CreatedAt = t.CreatedAt
      UpdatedAt = t.UpdatedAt
      StartAt = t.StartAt
      EndAt = optNullable t.EndAt
      ExpiryPeriodInDays = optNullable t.ExpiryPeriodInDays
      LastUsedAt = optNullable t.LastUsedAt
      LastRotatedAt = optNullable t.LastRotatedAt
      CreatedBy = opt t.CreatedBy |> Option.map subject
      UpdatedBy = opt t.UpdatedBy |> Option.map subject
      Roles = [ for r in t.Roles -> role r ] }

/// The F# view of a created token, with its secret wrapped.
let created (t: global.AgentTokens.AgentToken) : CreatedToken =
    { Token = token t; Secret = opt t.Token |> Option.map Secret }

/// The F# view of a deployment.
let deployment (d: global.AgentTokens.Deployment) : DeploymentInfo =
    { Id = d.Id; Name = d.Name; WorkspaceId = opt d.WorkspaceId; RemoteExecution = d.HasRemoteExecution }
