/// A token's fields, described once: the API's name of each field and its value. The CLI's JSON and CSV and the
/// notebooks' token tables read this list, so a field the API gains is added here (and to `Token`), and reaches every
/// output. Snapshots serialize `Token` itself.
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.TokenFields

open System

/// The value of one field of one token.
type FieldValue =
    /// Text (an ID, a name, a kind or scope as the API writes it).
    | Text of string
    /// A moment (written ISO 8601, UTC).
    | Time of DateTimeOffset
    /// A whole number.
    | Number of int
    /// Who created or updated the token.
    | Person of Subject
    /// The roles granted to the token.
    | Grants of Role list
    /// An optional field the token does not have (never expires, never used...).
    | Absent

/// One field: the API's name for it (`scope`, never the deprecated `type`) and how to read it from a token.
type Field = { Name: string; Read: Token -> FieldValue }

/// Every field of a token, in the API's order. The secret is not among them: `Token` has none.
val all: Field list

/// A field's value as one line of text: ISO 8601 for moments, a subject's display name, roles as `ROLE@ENTITY`
/// joined with ';', the empty string when absent.
val text: value: FieldValue -> string
