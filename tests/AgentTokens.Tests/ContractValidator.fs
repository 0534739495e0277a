/// Validates JSON bodies against the repository's copy of the OpenAPI contract, strictly: undeclared fields,
/// values outside an enum, wrong types and bad date-times are all reported.
module AgentTokens.Tests.ContractValidator

open System
open System.Globalization
open System.Text.Json
open Microsoft.OpenApi
open Microsoft.OpenApi.Reader

let private document =
    lazy
        (let settings = OpenApiReaderSettings()
         settings.AddYamlReader()
         let result = OpenApiDocument.LoadAsync(Fixtures.specPath, settings).GetAwaiter().GetResult()
         if result.Diagnostic.Errors.Count > 0 then
             failwithf "the contract does not load: %A" [ for e in result.Diagnostic.Errors -> e.Message ]
         result.Document)

/// A named schema of the contract's components.
let schema name : IOpenApiSchema = document.Value.Components.Schemas.[name]

/// The statuses an operation declares, e.g. ["200"; "400"; ...].
let declaredStatuses (path: string) (httpMethod: Net.Http.HttpMethod) =
    [ for KeyValue(status, _) in document.Value.Paths.[path].Operations.[httpMethod].Responses -> status ]

let private has (t: JsonSchemaType) (schema: IOpenApiSchema) =
    schema.Type.HasValue && schema.Type.Value.HasFlag t

let private isRfc3339 (text: string) =
    DateTimeOffset.TryParseExact(text, [| "yyyy-MM-dd'T'HH:mm:ssK"; "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK" |], CultureInfo.InvariantCulture, DateTimeStyles.None) |> fst

/// Every violation of `schema` by `node`, each naming its JSON path.
let rec violations (path: string) (schema: IOpenApiSchema) (node: JsonElement) : string list =
    let kind = node.ValueKind
    if has JsonSchemaType.Object schema then
        if kind <> JsonValueKind.Object then [ sprintf "%s: expected an object, found %O" path kind ]
        else
            let present = [ for p in node.EnumerateObject() -> p.Name ]
            let declared = if isNull schema.Properties then Set.empty else set schema.Properties.Keys
            let required = if isNull schema.Required then [] else List.ofSeq schema.Required
            [ for r in required do if not (List.contains r present) then yield sprintf "%s: required field '%s' is missing" path r
              for p in node.EnumerateObject() do
                  if declared.Contains p.Name then yield! violations (path + "." + p.Name) schema.Properties.[p.Name] p.Value
                  else yield sprintf "%s: field '%s' is not in the contract" path p.Name ]
    elif has JsonSchemaType.Array schema then
        if kind <> JsonValueKind.Array then [ sprintf "%s: expected an array, found %O" path kind ]
        else [ for i, item in Seq.indexed (node.EnumerateArray()) do yield! violations (sprintf "%s[%d]" path i) schema.Items item ]
    elif has JsonSchemaType.String schema then
        if kind <> JsonValueKind.String then [ sprintf "%s: expected a string, found %O" path kind ]
        else
            let text = node.GetString()
            [ if not (isNull schema.Enum) && schema.Enum.Count > 0 && not (schema.Enum |> Seq.exists (fun e -> e.GetValue<string>() = text)) then
                  yield sprintf "%s: '%s' is not one of the contract's values" path text
              if schema.Format = "date-time" && not (isRfc3339 text) then
                  yield sprintf "%s: '%s' is not an RFC 3339 date-time" path text ]
    elif has JsonSchemaType.Integer schema then
        match kind with
        | JsonValueKind.Number when (let ok, _ = node.TryGetInt64() in ok) ->
            let value = node.GetInt64()
            [ if not (isNull schema.Minimum) && value < int64 schema.Minimum then yield sprintf "%s: %d is below the minimum %s" path value schema.Minimum
              if not (isNull schema.Maximum) && value > int64 schema.Maximum then yield sprintf "%s: %d is above the maximum %s" path value schema.Maximum ]
        | _ -> [ sprintf "%s: expected an integer, found %O" path kind ]
    else []

/// Validates a body against a named schema. Under /v1 a token's `type` is named `scope` (as the contract says),
/// so `scope` is read as `type` there and refused elsewhere.
let validate (schemaName: string) (v1: bool) (body: string) =
    let text =
        if v1 then
            if body.Contains "\"type\":" then failwith "a /v1 body must name the token's type `scope`"
            body.Replace("\"scope\":", "\"type\":")
        else body
    use document = JsonDocument.Parse text
    violations "$" (schema schemaName) document.RootElement
