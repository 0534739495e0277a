/// Sort values: building, printing and parsing the API's `field:dir` text.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module AgentTokens.FSharp.Sort

/// All seven fields, in the API's order.
val fields: SortField list

/// All 14 sort values: `Asc Name`, `Desc Name`, `Asc Description`...
val all: Sort list

/// The field a sort orders by.
val field: sort: Sort -> SortField

/// The API's wire text, e.g. `Desc CreatedAt` is `"createdAt:desc"`.
val toString: sort: Sort -> string

/// Parses the API's wire text, e.g. `"createdAt:desc"`; an error names the bad text and lists the valid values.
val parse: text: string -> Result<Sort, string>

/// Parses several sort texts; the first error wins.
val parseAll: texts: string seq -> Result<Sort list, string>
