namespace AgentTokens.FSharp

open System
open System.IO
open System.Text.Json
open System.Text.Json.Serialization

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
    /// the API writes them (`"kind": "STANDARD"`, `"entity": "DAG_TAG"`), other unions as `{"Case": fields}`.
    let jsonOptions =
        let options = JsonSerializerOptions(WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase)
        options.Converters.Add(WireTextConverter<Kind>((fun k -> k.Text), Kind.Parse))
        options.Converters.Add(WireTextConverter<Scope>((fun s -> s.Text), Scope.Parse))
        options.Converters.Add(WireTextConverter<Entity>((fun e -> e.Text), Entity.Parse))
        options.Converters.Add(WireTextConverter<SubjectKind>((fun s -> s.Text), SubjectKind.Parse))
        options.Converters.Add(
            JsonFSharpConverter(
                JsonUnionEncoding.ExternalTag ||| JsonUnionEncoding.NamedFields
                ||| JsonUnionEncoding.UnwrapFieldlessTags ||| JsonUnionEncoding.UnwrapOption))
        options

    /// A snapshot of an audit taken at `takenAt`.
    let capture (takenAt: DateTimeOffset) (apiVersion: string) (audit: Audit) =
        { TakenAt = takenAt; ApiVersion = apiVersion; OrganizationId = audit.OrganizationId; Deployments = audit.Deployments }

    /// The snapshot as JSON text.
    let toJson (snapshot: Snapshot) = JsonSerializer.Serialize(snapshot, jsonOptions)

    /// A snapshot from JSON text; a JsonException says what is wrong.
    let ofJson (json: string) : Snapshot = JsonSerializer.Deserialize<Snapshot>(json, jsonOptions)

    /// Writes a snapshot to a file (its folder is created).
    let save (path: string) (snapshot: Snapshot) =
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath path)) |> ignore
        File.WriteAllText(path, toJson snapshot)

    /// Reads a snapshot from a file.
    let load (path: string) : Snapshot = ofJson (File.ReadAllText path)

    /// The names of the fields that differ between two versions of a token, as the JSON writes them: every field of
    /// `Token`, including fields added later (the comparison is of the serialized values, not of a list kept by hand).
    let changedFields (before: Token) (after: Token) =
        let fields (token: Token) =
            use json = JsonDocument.Parse(JsonSerializer.Serialize(token, jsonOptions))
            [ for p in json.RootElement.EnumerateObject() -> p.Name, p.Value.GetRawText() ] |> Map.ofList
        let b, a = fields before, fields after
        Set.union (Set.ofSeq b.Keys) (Set.ofSeq a.Keys)
        |> Seq.filter (fun name -> Map.tryFind name b <> Map.tryFind name a)
        |> List.ofSeq

    let private tokensOf (snapshot: Snapshot) =
        [ for d in snapshot.Deployments do for t in d.Tokens -> (d.Deployment.Id, t.Id), (d.Deployment, t) ] |> Map.ofList

    /// What changed from `before` to `after`: tokens added, removed, changed (which fields), newly expired.
    let diff (before: Snapshot) (after: Snapshot) : SnapshotDiff =
        let b, a = tokensOf before, tokensOf after
        let ordered (m: Map<_, DeploymentInfo * Token>) keys = [ for k in keys -> m.[k] ] |> List.sortBy (fun (d, t) -> d.Name, t.Name, t.Id)
        { Added = ordered a [ for k in a.Keys do if not (b.ContainsKey k) then k ]
          Removed = ordered b [ for k in b.Keys do if not (a.ContainsKey k) then k ]
          Changed =
            [ for KeyValue(k, (deployment, after)) in a do
                match b.TryFind k with
                | Some(_, before) ->
                    match changedFields before after with
                    | [] -> ()
                    | fields -> { Deployment = deployment; Before = before; After = after; Fields = fields }
                | None -> () ]
          NewlyExpired =
            ordered a [ for KeyValue(k, (_, t)) in a do
                          if Analysis.isExpired after.TakenAt t && not (b.TryFind k |> Option.exists (snd >> Analysis.isExpired before.TakenAt)) then k ] }
