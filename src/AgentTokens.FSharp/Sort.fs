// The promised surface and its documentation: Sort.fsi.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module AgentTokens.FSharp.Sort

let fields = [ Name; Description; CreatedAt; UpdatedAt; CreatedById; UpdatedById; TokenStartAt ]

let all = fields |> List.collect (fun f -> [ Asc f; Desc f ])

let field (sort: Sort) = match sort with Asc f | Desc f -> f

let toString (sort: Sort) = string (Convert.toTokenSort sort)

let parse (text: string) : Result<Sort, string> =
    match AgentTokens.TokenSort.TryParse text with
    | true, sort -> Ok(Convert.ofTokenSort sort)
    | _ -> Error("'" + text + "' is not a sort; expected one of: " + (all |> List.map toString |> String.concat ", "))

let parseAll (texts: string seq) : Result<Sort list, string> =
    (Ok [], texts)
    ||> Seq.fold (fun acc text -> acc |> Result.bind (fun sorts -> parse text |> Result.map (fun s -> sorts @ [ s ])))
