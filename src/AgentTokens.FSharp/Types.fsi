namespace AgentTokens.FSharp

open System
open System.Diagnostics

/// The client of the C# core, as F# code holds it (open this namespace alone).
type Client = AgentTokens.AgentTokensClient

/// The client's settings (an immutable record of the C# core).
type ClientOptions = AgentTokens.AgentTokensClientOptions

/// The base path the operations are served under: V1, IamV1Beta1 or PlatformV1Beta1.
type ApiVersion = AgentTokens.ApiVersion

/// How the client retries 429, 5xx and dropped connections (`RetryOptions.None` for one attempt per call).
type RetryOptions = AgentTokens.RetryOptions

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

    /// The API's text, e.g. "STANDARD".
    member Text: string

    /// The kind for the API's text.
    static member Parse: text: string -> Kind

/// A token's scope (`type`, or `scope` in /v1); `Other` keeps a value added by the server later.
[<RequireQualifiedAccess>]
type Scope =
    | Deployment
    | Workspace
    | Organization
    | Other of string

    /// The API's text, e.g. "DEPLOYMENT".
    member Text: string

    /// The scope for the API's text.
    static member Parse: text: string -> Scope

/// What a role is granted on; `Other` keeps a value added by the server later.
[<RequireQualifiedAccess>]
type Entity =
    | Deployment
    | Workspace
    | Organization
    | Dag
    | DagTag
    | Other of string

    /// The API's text, e.g. "DAG_TAG".
    member Text: string

    /// The entity type for the API's text.
    static member Parse: text: string -> Entity

/// Who created or updated a token; `Other` keeps a value added by the server later.
[<RequireQualifiedAccess>]
type SubjectKind =
    | User
    | ServiceKey
    | Other of string

    /// The API's text, e.g. "SERVICEKEY".
    member Text: string

    /// The subject type for the API's text.
    static member Parse: text: string -> SubjectKind

/// A user or service key, with options where the API may leave a field out.
type Subject =
    { Id: string
      Kind: SubjectKind option
      FullName: string option
      Username: string option
      AvatarUrl: string option
      ApiTokenName: string option }

    /// The most readable name: full name, username, API token name, then ID.
    member DisplayName: string

/// A role granted to a token on an entity.
type Role =
    { EntityId: string
      Entity: Entity
      Role: string
      DeploymentId: string option }

/// An agent token as F# sees it: options instead of nulls, unions instead of strings, structural equality.
/// It has no field for the secret `token` value, so printing, snapshots and diffs can never show it;
/// the secret reaches F# code only through `CreatedToken.Secret`.
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

/// A secret token value. `ToString`, `%A`, debuggers and JSON show `***`; call `Reveal` to read it.
[<Sealed; StructuredFormatDisplay("***"); DebuggerDisplay("***")>]
[<Text.Json.Serialization.JsonConverter(typeof<SecretJsonConverter>)>]
type Secret =
    internal new: value: string -> Secret

    /// Wraps a value (a bearer token, a token's secret) so that it never shows; `Reveal` reads it back.
    static member Of: value: string -> Secret

    /// The secret value itself: show it once, store it in a vault, never log it.
    member Reveal: unit -> string

    /// `***`, never the value.
    override ToString: unit -> string
    override Equals: obj -> bool
    override GetHashCode: unit -> int

/// Writes a secret as `"***"`, never its value; reading one back is refused, as there is nothing to read.
and [<Class>] SecretJsonConverter =
    inherit Text.Json.Serialization.JsonConverter<Secret>
    new: unit -> SecretJsonConverter
    override Read: reader: byref<Text.Json.Utf8JsonReader> * typeToConvert: Type * options: Text.Json.JsonSerializerOptions -> Secret
    override Write: writer: Text.Json.Utf8JsonWriter * value: Secret * options: Text.Json.JsonSerializerOptions -> unit

/// What CreateAgentToken answers: the new token and its secret, which the API shows this once.
type CreatedToken = { Token: Token; Secret: Secret option }

/// What CreateAgentToken needs: a name, and optionally a description and an expiry period (1 to 3650 days).
type NewToken =
    { Name: string
      Description: string option
      ExpiryPeriodInDays: int option }

/// What a delete did: the token was deleted, or was already absent (nothing was deleted).
type Deletion =
    | Deleted
    | AlreadyAbsent

/// A deployment: agent tokens exist only where Remote Execution is enabled.
type DeploymentInfo =
    { Id: string
      Name: string
      WorkspaceId: string option
      RemoteExecution: bool }

/// A deployment and its agent tokens.
type DeploymentTokens = { Deployment: DeploymentInfo; Tokens: Token list }

/// One page of a listing: its offset, limit and totalCount, and the tokens not yielded before.
type Page =
    { Offset: int
      Limit: int
      TotalCount: int
      Tokens: Token list }

/// What a listing saw: whether it could prove itself complete, its re-reads and requests, and why.
type Diagnostics =
    { Complete: bool
      Rereads: int
      Requests: int
      Events: string list }

/// A whole listing: the tokens, and what the pager saw while reading them.
type Listing = { Tokens: Token list; Diagnostics: Diagnostics }
