// The promised surface and its documentation: Types.fsi.
namespace AgentTokens.FSharp

open System
open System.Diagnostics

type Client = AgentTokens.AgentTokensClient

type ClientOptions = AgentTokens.AgentTokensClientOptions

type ApiVersion = AgentTokens.ApiVersion

type RetryOptions = AgentTokens.RetryOptions

type SortField =
    | Name
    | Description
    | CreatedAt
    | UpdatedAt
    | CreatedById
    | UpdatedById
    | TokenStartAt

type Sort =
    | Asc of SortField
    | Desc of SortField

[<RequireQualifiedAccess>]
type Kind =
    | Standard
    | DirectAccess
    | Other of string

    member k.Text = match k with Standard -> "STANDARD" | DirectAccess -> "DIRECT_ACCESS" | Other s -> s

    static member Parse(text: string) = match text with "STANDARD" -> Standard | "DIRECT_ACCESS" -> DirectAccess | other -> Other other

[<RequireQualifiedAccess>]
type Scope =
    | Deployment
    | Workspace
    | Organization
    | Other of string

    member s.Text = match s with Deployment -> "DEPLOYMENT" | Workspace -> "WORKSPACE" | Organization -> "ORGANIZATION" | Other t -> t

    static member Parse(text: string) =
        match text with "DEPLOYMENT" -> Deployment | "WORKSPACE" -> Workspace | "ORGANIZATION" -> Organization | other -> Other other

[<RequireQualifiedAccess>]
type Entity =
    | Deployment
    | Workspace
    | Organization
    | Dag
    | DagTag
    | Other of string

    member e.Text =
        match e with
        | Deployment -> "DEPLOYMENT" | Workspace -> "WORKSPACE" | Organization -> "ORGANIZATION" | Dag -> "DAG" | DagTag -> "DAG_TAG" | Other s -> s

    static member Parse(text: string) =
        match text with
        | "DEPLOYMENT" -> Deployment | "WORKSPACE" -> Workspace | "ORGANIZATION" -> Organization
        | "DAG" -> Dag | "DAG_TAG" -> DagTag | other -> Other other

[<RequireQualifiedAccess>]
type SubjectKind =
    | User
    | ServiceKey
    | Other of string

    member s.Text = match s with User -> "USER" | ServiceKey -> "SERVICEKEY" | Other t -> t

    static member Parse(text: string) = match text with "USER" -> User | "SERVICEKEY" -> ServiceKey | other -> Other other

type Subject =
    { Id: string
      Kind: SubjectKind option
      FullName: string option
      Username: string option
      AvatarUrl: string option
      ApiTokenName: string option }

    member s.DisplayName =
        s.FullName |> Option.orElse s.Username |> Option.orElse s.ApiTokenName |> Option.defaultValue s.Id

type Role =
    { EntityId: string
      Entity: Entity
      Role: string
      DeploymentId: string option }

type Token =
    { Id: string
      Name: string
      Description: string
      Kind: Kind
      Scope: Scope
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

[<Sealed; StructuredFormatDisplay("***"); DebuggerDisplay("***")>]
[<Text.Json.Serialization.JsonConverter(typeof<SecretJsonConverter>)>]
type Secret(value: string) =
    [<DebuggerBrowsable(DebuggerBrowsableState.Never)>]
    let value = value
    member _.Reveal() = value
    static member Of(value: string) = Secret value
    override _.ToString() = "***"
    override _.Equals(other) = match other with :? Secret as s -> s.Reveal() = value | _ -> false
    override _.GetHashCode() = value.GetHashCode()

and SecretJsonConverter() =
    inherit Text.Json.Serialization.JsonConverter<Secret>()
    override _.Read(_, _, _) = raise (Text.Json.JsonException "A secret token value is never serialized, so it cannot be read back.")
    override _.Write(writer, _, _) = writer.WriteStringValue "***"

type CreatedToken = { Token: Token; Secret: Secret option }

type NewToken =
    { Name: string
      Description: string option
      ExpiryPeriodInDays: int option }

type Deletion =
    | Deleted
    | AlreadyAbsent

type DeploymentInfo =
    { Id: string
      Name: string
      WorkspaceId: string option
      RemoteExecution: bool }

type DeploymentTokens = { Deployment: DeploymentInfo; Tokens: Token list }

type Page =
    { Offset: int
      Limit: int
      TotalCount: int
      Tokens: Token list }

type Diagnostics =
    { Complete: bool
      Rereads: int
      Requests: int
      Events: string list }

type Listing = { Tokens: Token list; Diagnostics: Diagnostics }
