namespace AgentTokens.FSharp

open System
open System.IO
open System.Text.Json
open System.Text.Json.Serialization

/// A capture of a deployment's tokens at one time. Tokens carry no secret, so a snapshot never holds one.
type Snapshot =
    { TakenAt: DateTimeOffset
      ApiVersion: string
      OrganizationId: string
      DeploymentId: string
      Tokens: Token list }

/// A token whose fields differ between two snapshots.
type TokenChange = { Before: Token; After: Token; Fields: string list }

/// What changed between two snapshots.
type SnapshotDiff =
    { Added: Token list
      Removed: Token list
      Changed: TokenChange list
      /// Tokens expired at the later snapshot's time but not at the earlier one's.
      NewlyExpired: Token list }

    /// True when nothing changed.
    member d.IsEmpty = d.Added.IsEmpty && d.Removed.IsEmpty && d.Changed.IsEmpty && d.NewlyExpired.IsEmpty

/// Saving, loading and comparing snapshots as JSON (FSharp.SystemTextJson).
[<RequireQualifiedAccess>]
module Snapshot =
    /// Writes an extensible value as the API's own text, e.g. `Kind.Standard` as "STANDARD".
    type private WireTextConverter<'T>(write: 'T -> string, read: string -> 'T) =
        inherit JsonConverter<'T>()
        override _.Read(reader, _, _) = read (reader.GetString())
        override _.Write(writer, value, _) = writer.WriteStringValue(write value)

    /// The JSON options: records as objects with camelCase names, `None` as null, extensible values and sorts as
    /// the API writes them (`"kind": "STANDARD"`, `"entityType": "DAG_TAG"`), other unions as `{"Case": fields}`.
    let jsonOptions =
        let options = JsonSerializerOptions(WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase)
        options.Converters.Add(WireTextConverter<Kind>(Convert.kindText, Convert.kind))
        options.Converters.Add(WireTextConverter<TokenType>(Convert.tokenTypeText, Convert.tokenType))
        options.Converters.Add(WireTextConverter<EntityType>(Convert.entityTypeText, Convert.entityType))
        options.Converters.Add(WireTextConverter<SubjectType>(Convert.subjectTypeText, Convert.subjectType))
        options.Converters.Add(
            JsonFSharpConverter(
                JsonUnionEncoding.ExternalTag ||| JsonUnionEncoding.NamedFields
                ||| JsonUnionEncoding.UnwrapFieldlessTags ||| JsonUnionEncoding.UnwrapOption))
        options

    /// A snapshot of tokens taken now.
    let capture (takenAt: DateTimeOffset) (apiVersion: string) (organizationId: string) (deploymentId: string) (tokens: Token seq) =
        { TakenAt = takenAt; ApiVersion = apiVersion; OrganizationId = organizationId; DeploymentId = deploymentId; Tokens = List.ofSeq tokens }

    /// The snapshot as JSON text.
    let toJson (snapshot: Snapshot) = JsonSerializer.Serialize(snapshot, jsonOptions)

    /// A snapshot from JSON text.
    let ofJson (json: string) : Snapshot = JsonSerializer.Deserialize<Snapshot>(json, jsonOptions)

    /// Writes a snapshot to a file (its folder is created).
    let save (path: string) (snapshot: Snapshot) =
        let folder = Path.GetDirectoryName(Path.GetFullPath path)
        Directory.CreateDirectory folder |> ignore
        File.WriteAllText(path, toJson snapshot)

    /// Reads a snapshot from a file.
    let load (path: string) : Snapshot = ofJson (File.ReadAllText path)

    let private fields : (string * (Token -> obj)) list =
        [ "name", (fun t -> box t.Name)
          "description", (fun t -> box t.Description)
          "kind", (fun t -> box t.Kind)
          "type", (fun t -> box t.Type)
          "shortToken", (fun t -> box t.ShortToken)
          "createdAt", (fun t -> box t.CreatedAt)
          "updatedAt", (fun t -> box t.UpdatedAt)
          "startAt", (fun t -> box t.StartAt)
          "endAt", (fun t -> box t.EndAt)
          "expiryPeriodInDays", (fun t -> box t.ExpiryPeriodInDays)
          "lastUsedAt", (fun t -> box t.LastUsedAt)
          "lastRotatedAt", (fun t -> box t.LastRotatedAt)
          "createdBy", (fun t -> box t.CreatedBy)
          "updatedBy", (fun t -> box t.UpdatedBy)
          "roles", (fun t -> box t.Roles) ]

    /// The names of the fields that differ between two versions of a token.
    let changedFields (before: Token) (after: Token) =
        fields |> List.filter (fun (_, get) -> get before <> get after) |> List.map fst

    /// What changed from `before` to `after`: tokens added, removed, changed (which fields), newly expired.
    let diff (before: Snapshot) (after: Snapshot) : SnapshotDiff =
        let beforeById = before.Tokens |> List.map (fun t -> t.Id, t) |> Map.ofList
        let afterIds = after.Tokens |> List.map (fun t -> t.Id) |> Set.ofList
        { Added = after.Tokens |> List.filter (fun t -> not (beforeById.ContainsKey t.Id))
          Removed = before.Tokens |> List.filter (fun t -> not (afterIds.Contains t.Id))
          Changed =
            after.Tokens
            |> List.choose (fun a ->
                beforeById.TryFind a.Id
                |> Option.bind (fun b ->
                    match changedFields b a with
                    | [] -> None
                    | changed -> Some { Before = b; After = a; Fields = changed }))
          NewlyExpired =
            after.Tokens
            |> List.filter (fun a ->
                Analysis.isExpired after.TakenAt a
                && not (beforeById.TryFind a.Id |> Option.exists (Analysis.isExpired before.TakenAt))) }
