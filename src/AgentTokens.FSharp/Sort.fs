/// Sort values: building, printing and parsing the API's `field:dir` text.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module AgentTokens.FSharp.Sort

/// All seven fields, in the API's order.
let fields = [ Name; Description; CreatedAt; UpdatedAt; CreatedById; UpdatedById; TokenStartAt ]

/// All 14 sort values: `Asc Name`, `Desc Name`, `Asc Description`...
let all = fields |> List.collect (fun f -> [ Asc f; Desc f ])

/// The field a sort orders by.
let field = function Asc f | Desc f -> f

/// The API's wire text, e.g. `Desc CreatedAt` is `"createdAt:desc"`.
let toString (sort: Sort) = string (Convert.toTokenSort sort)

/// Parses the API's wire text, e.g. `"createdAt:desc"`; an error names the bad text and lists the valid values.
let parse (text: string) : Result<Sort, string> =
    match AgentTokens.TokenSort.TryParse text with
    | true, sort -> Ok(Convert.ofTokenSort sort)
    | _ -> Error(sprintf "'%s' is not a sort; expected one of: %s" text (all |> List.map toString |> String.concat ", "))

/// Parses several sort texts; the first error wins.
let parseAll (texts: string seq) : Result<Sort list, string> =
    (Ok [], texts)
    ||> Seq.fold (fun acc text -> acc |> Result.bind (fun sorts -> parse text |> Result.map (fun s -> sorts @ [ s ])))
