// The promised surface and its documentation: Snapshot.fsi.
namespace AgentTokens.FSharp

open System
open System.IO
open System.Text.Json
open System.Text.Json.Serialization

type Snapshot =
    { TakenAt: DateTimeOffset
      ApiVersion: string
      OrganizationId: string
      Deployments: DeploymentTokens list }

type TokenChange = { Deployment: DeploymentInfo; Before: Token; After: Token; Fields: string list }

type SnapshotDiff =
    { Added: (DeploymentInfo * Token) list
      Removed: (DeploymentInfo * Token) list
      Changed: TokenChange list
      NewlyExpired: (DeploymentInfo * Token) list }

    member d.IsEmpty = d.Added.IsEmpty && d.Removed.IsEmpty && d.Changed.IsEmpty && d.NewlyExpired.IsEmpty

[<RequireQualifiedAccess>]
module Snapshot =
    type private WireTextConverter<'T>(write: 'T -> string, read: string -> 'T) =
        inherit JsonConverter<'T>()
        override _.Read(reader, _, _) = read (reader.GetString())
        override _.Write(writer, value, _) = writer.WriteStringValue(write value)

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

    let capture (takenAt: DateTimeOffset) (apiVersion: string) (audit: Audit) =
        { TakenAt = takenAt; ApiVersion = apiVersion; OrganizationId = audit.OrganizationId; Deployments = audit.Deployments }

    let toJson (snapshot: Snapshot) = JsonSerializer.Serialize(snapshot, jsonOptions)

    let ofJson (json: string) : Snapshot = JsonSerializer.Deserialize<Snapshot>(json, jsonOptions)

    let private write (existing: AgentTokens.AtomicFile.Existing) (path: string) (snapshot: Snapshot) =
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath path)) |> ignore
        AgentTokens.AtomicFile.Write(path, toJson snapshot, existing, AgentTokens.AtomicFile.Access.OwnerOnly) |> ignore

    let save (path: string) (snapshot: Snapshot) = write AgentTokens.AtomicFile.Existing.Refuse path snapshot

    let overwrite (path: string) (snapshot: Snapshot) = write AgentTokens.AtomicFile.Existing.Replace path snapshot

    let load (path: string) : Snapshot = ofJson (File.ReadAllText path)

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
