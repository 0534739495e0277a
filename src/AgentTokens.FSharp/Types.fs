namespace AgentTokens.FSharp

open System
open System.Diagnostics

/// A field ListAgentTokens can sort by.
type SortField =
    | Name
    | Description
    | CreatedAt
    | UpdatedAt
    | CreatedById
    | UpdatedById
    | TokenStartAt

/// One of the 14 sort values: a field and a direction, e.g. `Desc CreatedAt` (wire text `createdAt:desc`).
type Sort =
    | Asc of SortField
    | Desc of SortField

/// A token's kind; `Other` keeps a value added by the server later.
[<RequireQualifiedAccess>]
type Kind =
    | Standard
    | DirectAccess
    | Other of string

/// A token's scope (`type`, or `scope` in /v1); `Other` keeps a value added by the server later.
[<RequireQualifiedAccess>]
type TokenType =
    | Deployment
    | Workspace
    | Organization
    | Other of string

/// What a role is granted on; `Other` keeps a value added by the server later.
[<RequireQualifiedAccess>]
type EntityType =
    | Deployment
    | Workspace
    | Organization
    | Dag
    | DagTag
    | Other of string

/// Who created or updated a token; `Other` keeps a value added by the server later.
[<RequireQualifiedAccess>]
type SubjectType =
    | User
    | ServiceKey
    | Other of string

/// A user or service key, with options where the API may leave a field out.
type Subject =
    { Id: string
      SubjectType: SubjectType option
      FullName: string option
      Username: string option
      AvatarUrl: string option
      ApiTokenName: string option }

    /// The most readable name: full name, username, API token name, then ID.
    member s.DisplayName =
        s.FullName |> Option.orElse s.Username |> Option.orElse s.ApiTokenName |> Option.defaultValue s.Id

/// A role granted to a token on an entity.
type Role =
    { EntityId: string
      EntityType: EntityType
      Role: string
      DeploymentId: string option }

/// An agent token as F# sees it: options instead of nulls, DUs instead of strings, structural equality.
/// It has no field for the secret `token` value, so printing, snapshots and diffs can never show it;
/// the secret reaches F# code only through `CreatedToken.Secret`.
type Token =
    { Id: string
      Name: string
      Description: string
      Kind: Kind
      Type: TokenType
      ShortToken: string
      CreatedAt: DateTimeOffset
      UpdatedAt: DateTimeOffset
      StartAt: DateTimeOffset
      EndAt: DateTimeOffset option
      ExpiryPeriodInDays: int option
      LastUsedAt: DateTimeOffset option
      LastRotatedAt: DateTimeOffset option
      CreatedBy: Subject option
      UpdatedBy: Subject option
      Roles: Role list }

/// A secret token value. `ToString`, `%A`, debuggers and JSON show `***`; call `Reveal` to read it.
[<Sealed; StructuredFormatDisplay("***"); DebuggerDisplay("***")>]
[<Text.Json.Serialization.JsonConverter(typeof<SecretJsonConverter>)>]
type Secret(value: string) =
    [<DebuggerBrowsable(DebuggerBrowsableState.Never)>]
    let value = value
    /// The secret value itself: show it once, store it in a vault, never log it.
    member _.Reveal() = value
    override _.ToString() = "***"
    override _.Equals(other) = match other with :? Secret as s -> s.Reveal() = value | _ -> false
    override _.GetHashCode() = value.GetHashCode()

/// Writes a secret as `"***"`, never its value; reading one back is refused, as there is nothing to read.
and SecretJsonConverter() =
    inherit Text.Json.Serialization.JsonConverter<Secret>()
    override _.Read(_, _, _) = raise (Text.Json.JsonException "A secret token value is never serialized, so it cannot be read back.")
    override _.Write(writer, _, _) = writer.WriteStringValue "***"

/// What CreateAgentToken answers: the new token and its secret, which the API shows this once.
type CreatedToken = { Token: Token; Secret: Secret option }

/// A deployment: agent tokens exist only where Remote Execution is enabled.
type DeploymentInfo =
    { Id: string
      Name: string
      WorkspaceId: string option
      RemoteExecution: bool }
