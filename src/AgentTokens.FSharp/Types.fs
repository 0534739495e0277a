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

// The wire text of each named case comes from the core's known values (TokenKind, TokenScope, EntityType, SubjectType):
// written once, there. A test checks that every value the core knows has a case here.

/// Text to case and back through a table of (case, core value).
module internal Wire =
    let text (table: ('T * string) list) (case: 'T) = table |> List.find (fst >> (=) case) |> snd
    let parse (table: ('T * string) list) (other: string -> 'T) (text: string) =
        table |> List.tryFind (snd >> (=) text) |> Option.map fst |> Option.defaultWith (fun () -> other text)

[<RequireQualifiedAccess>]
type Kind =
    | Standard
    | DirectAccess
    | Other of string

    static member private Known = [ Standard, AgentTokens.TokenKind.Standard.Value; DirectAccess, AgentTokens.TokenKind.DirectAccess.Value ]

    member k.Text = match k with Other s -> s | known -> Wire.text Kind.Known known

    static member Parse(text: string) = Wire.parse Kind.Known Other text

[<RequireQualifiedAccess>]
type Scope =
    | Deployment
    | Workspace
    | Organization
    | Other of string

    static member private Known =
        [ Deployment, AgentTokens.TokenScope.Deployment.Value; Workspace, AgentTokens.TokenScope.Workspace.Value
          Organization, AgentTokens.TokenScope.Organization.Value ]

    member s.Text = match s with Other t -> t | known -> Wire.text Scope.Known known

    static member Parse(text: string) = Wire.parse Scope.Known Other text

[<RequireQualifiedAccess>]
type Entity =
    | Deployment
    | Workspace
    | Organization
    | Dag
    | DagTag
    | Other of string

    static member private Known =
        [ Deployment, AgentTokens.EntityType.Deployment.Value; Workspace, AgentTokens.EntityType.Workspace.Value
          Organization, AgentTokens.EntityType.Organization.Value; Dag, AgentTokens.EntityType.Dag.Value
          DagTag, AgentTokens.EntityType.DagTag.Value ]

    member e.Text = match e with Other s -> s | known -> Wire.text Entity.Known known

    static member Parse(text: string) = Wire.parse Entity.Known Other text

[<RequireQualifiedAccess>]
type SubjectKind =
    | User
    | ServiceKey
    | Other of string

    static member private Known = [ User, AgentTokens.SubjectType.User.Value; ServiceKey, AgentTokens.SubjectType.ServiceKey.Value ]

    member s.Text = match s with Other t -> t | known -> Wire.text SubjectKind.Known known

    static member Parse(text: string) = Wire.parse SubjectKind.Known Other text

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
