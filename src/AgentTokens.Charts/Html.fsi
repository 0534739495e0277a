/// Small HTML helpers for the report and the notebook displays: every text is encoded, so token names cannot
/// inject markup.
[<RequireQualifiedAccess>]
module AgentTokens.Charts.Html

/// Encodes text for HTML.
val text: value: string -> string

/// A table with a caption, header cells and rows of cells (all encoded); `note` is shown under it when not empty.
val table: caption: string -> headers: string list -> rows: string list list -> note: string -> string

/// The page's style: readable without any external resource.
val style: string
