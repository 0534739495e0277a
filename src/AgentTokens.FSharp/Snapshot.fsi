namespace AgentTokens.FSharp

open System
open System.Text.Json

/// A capture of an audit at one time: every deployment covered, with its tokens. Tokens carry no secret, so a
/// snapshot never holds one.
type Snapshot =
    { TakenAt: DateTimeOffset
      ApiVersion: string
      OrganizationId: string
      Deployments: DeploymentTokens list }

/// A token whose fields differ between two snapshots, with the names of those fields as the JSON writes them.
type TokenChange = { Deployment: DeploymentInfo; Before: Token; After: Token; Fields: string list }

/// What changed between two snapshots, token by token (a token is its deployment and its ID).
type SnapshotDiff =
    { Added: (DeploymentInfo * Token) list
      Removed: (DeploymentInfo * Token) list
      Changed: TokenChange list
      /// Tokens expired at the later snapshot's time but not at the earlier one's.
      NewlyExpired: (DeploymentInfo * Token) list }

    /// True when nothing changed.
    member IsEmpty: bool

/// Saving, loading and comparing snapshots as JSON (FSharp.SystemTextJson).
[<RequireQualifiedAccess>]
module Snapshot =
    /// The JSON options: records as objects with camelCase names, `None` as null, extensible values and sorts as
    /// the API writes them (`"kind": "STANDARD"`, `"entity": "DAG_TAG"`), other unions as `{"Case": fields}`.
    val jsonOptions: JsonSerializerOptions

    /// A snapshot of an audit taken at `takenAt`, naming the API version it was read through.
    val capture: takenAt: DateTimeOffset -> apiVersion: string -> audit: Audit -> Snapshot

    /// The snapshot as JSON text.
    val toJson: snapshot: Snapshot -> string

    /// A snapshot from JSON text; a JsonException says what is wrong.
    val ofJson: json: string -> Snapshot

    /// Writes a snapshot to a new file (its folder is created), readable by its owner only, written beside it and
    /// renamed into place; an existing file is refused (IOException), so last week's baseline is never lost.
    val save: path: string -> snapshot: Snapshot -> unit

    /// Writes a snapshot over `path` atomically (a failure leaves the old file as it was), readable by its owner only.
    val overwrite: path: string -> snapshot: Snapshot -> unit

    /// Reads a snapshot from a file.
    val load: path: string -> Snapshot

    /// The names of the fields that differ between two versions of a token, as the JSON writes them: every field of
    /// `Token`, including fields added later (the comparison is of the serialized values, not of a list kept by hand).
    val changedFields: before: Token -> after: Token -> string list

    /// What changed from `before` to `after`: tokens added, removed, changed (which fields), newly expired.
    val diff: before: Snapshot -> after: Snapshot -> SnapshotDiff
