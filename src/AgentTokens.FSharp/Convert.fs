/// Every conversion between the C# core and the F# types lives here: null to option, wire text to union.
module internal AgentTokens.FSharp.Convert

open System

let private opt (value: 'T) = Option.ofObj value
let private optNullable (value: Nullable<'T>) = Option.ofNullable value

let private fields =
    [ Name, AgentTokens.TokenSortField.Name
      Description, AgentTokens.TokenSortField.Description
      CreatedAt, AgentTokens.TokenSortField.CreatedAt
      UpdatedAt, AgentTokens.TokenSortField.UpdatedAt
      CreatedById, AgentTokens.TokenSortField.CreatedById
      UpdatedById, AgentTokens.TokenSortField.UpdatedById
      TokenStartAt, AgentTokens.TokenSortField.TokenStartAt ]

/// The core's sort for a `Sort`.
let toTokenSort (sort: Sort) : AgentTokens.TokenSort =
    let field f = fields |> List.find (fst >> (=) f) |> snd
    match sort with
    | Asc f -> AgentTokens.TokenSort.Ascending(field f)
    | Desc f -> AgentTokens.TokenSort.Descending(field f)

/// The `Sort` for a core sort.
let ofTokenSort (sort: AgentTokens.TokenSort) : Sort =
    let field = fields |> List.find (snd >> (=) sort.Field) |> fst
    if sort.Direction = AgentTokens.SortDirection.Descending then Desc field else Asc field

let subject (profile: AgentTokens.SubjectProfile) : Subject =
    { Id = profile.Id
      Kind = profile.SubjectType |> opt |> Option.map (fun t -> SubjectKind.Parse t.Value)
      FullName = opt profile.FullName
      Username = opt profile.Username
      AvatarUrl = opt profile.AvatarUrl
      ApiTokenName = opt profile.ApiTokenName }

let role (r: AgentTokens.TokenRole) : Role =
    { EntityId = r.EntityId
      Entity = Entity.Parse r.EntityType.Value
      Role = r.Role
      DeploymentId = opt r.DeploymentId }

/// The F# view of a core token; the secret is left behind.
let token (t: AgentTokens.AgentToken) : Token =
    { Id = t.Id
      Name = t.Name
      Description = t.Description
      Kind = Kind.Parse t.Kind.Value
      Scope = Scope.Parse t.Scope.Value
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
let created (t: AgentTokens.AgentToken) : CreatedToken =
    { Token = token t; Secret = opt t.Token |> Option.map Secret }

/// The F# view of a deployment.
let deployment (d: AgentTokens.Deployment) : DeploymentInfo =
    { Id = d.Id; Name = d.Name; WorkspaceId = opt d.WorkspaceId; RemoteExecution = d.HasRemoteExecution }

/// The F# view of a page.
let page (p: AgentTokens.AgentTokenPage) : Page =
    { Offset = p.Offset; Limit = p.Limit; TotalCount = p.TotalCount; Tokens = [ for t in p.Tokens -> token t ] }

/// The F# view of what a listing saw.
let diagnostics (d: AgentTokens.ListingDiagnostics) : Diagnostics =
    { Complete = d.IsComplete; Rereads = d.Rereads; Requests = d.Requests; Events = List.ofSeq d.Events }
