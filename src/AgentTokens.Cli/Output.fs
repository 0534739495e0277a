/// How tokens are written: tables that fit the terminal (server text made printable), JSON with the API's field
/// names (exact: its encoder escapes control characters), CSV safe to open in a spreadsheet. Pure.
/// The secret `token` value is never among the columns or fields.
module AgentTokens.Cli.Output

open System
open System.Globalization
open System.IO
open System.Text
open System.Text.Encodings.Web
open System.Text.Json
open AgentTokens.FSharp

/// "3 days ago", "in 5 hours", "just now".
let relative (now: DateTimeOffset) (time: DateTimeOffset) =
    let span = time - now
    let magnitude = span.Duration()
    let amount =
        if magnitude.TotalMinutes < 1.0 then None
        elif magnitude.TotalHours < 1.0 then Some(int magnitude.TotalMinutes, "minute")
        elif magnitude.TotalDays < 1.0 then Some(int magnitude.TotalHours, "hour")
        elif magnitude.TotalDays < 60.0 then Some(int magnitude.TotalDays, "day")
        elif magnitude.TotalDays < 730.0 then Some(int (magnitude.TotalDays / 30.4), "month")
        else Some(int (magnitude.TotalDays / 365.25), "year")
    match amount with
    | None -> "just now"
    | Some(n, unit) ->
        let text = string n + " " + unit + (if n = 1 then "" else "s")
        if span < TimeSpan.Zero then text + " ago" else "in " + text

/// The expiry column: "never", "expired 3 days ago", "in 5 days (soon)", "starts in 2 days".
let expiry (now: DateTimeOffset) (token: Token) =
    match Analysis.expiryStatus Analysis.soon now token, token.EndAt with
    | Analysis.NeverExpires, _ -> "never"
    | Analysis.NotYetValid _, _ -> "starts " + relative now token.StartAt
    | Analysis.Expired _, Some e -> "expired " + relative now e
    | Analysis.ExpiringSoon _, Some e -> relative now e + " (soon)"
    | _, Some e -> relative now e
    | _, None -> "never"

let private roles (token: Token) = TokenFields.text (TokenFields.Grants token.Roles)

/// How a table narrows when it is wider than the terminal, one step after the other.
type Narrowing =
    /// Cut this column's cells with an ellipsis, down to 8 characters.
    | Shrink of header: string
    /// Leave this column out.
    | Drop of header: string

/// A table: every cell made printable, columns as wide as their widest cell; then, while wider than `width`, the
/// `narrowing` steps in turn. A column no step names (an ID) is always shown whole.
let table (width: int) (narrowing: Narrowing list) (headers: string list) (rows: string list list) =
    let minimum = 8
    let rows = rows |> List.map (List.map Terminal.printable)
    let natural = headers |> List.mapi (fun i h -> (h :: List.map (List.item i) rows) |> List.map String.length |> List.max)
    let total (columns: (string * int) list) = List.sumBy snd columns + 2 * (columns.Length - 1)
    let narrow (columns: (string * int) list) step =
        let over = total columns - width
        match step with
        | _ when over <= 0 -> columns
        | Shrink header -> columns |> List.map (fun (h, w) -> h, (if h = header then max (min w minimum) (w - over) else w))
        | Drop header -> columns |> List.filter (fun (h, _) -> h <> header)
    let fitted = List.fold narrow (List.zip headers natural) narrowing |> Map.ofList
    let kept = [ for i, h in List.indexed headers do if fitted.ContainsKey h then yield i, fitted.[h] ]
    let cell (text: string) w = if text.Length <= w then text.PadRight w else text.Substring(0, w - 1) + "…"
    let line (cells: string list) = ([ for i, w in kept -> cell cells.[i] w ] |> String.concat "  ").TrimEnd()
    String.concat Environment.NewLine (line headers :: List.map line rows)

/// The tokens as a table fitted to `width`: relative times, expiry status; roles and names shorten first, then the
/// columns a narrow terminal can do without are left out.
let tokenTable (width: int) (now: DateTimeOffset) (tokens: Token list) =
    let headers = [ "NAME"; "ID"; "KIND"; "SCOPE"; "CREATED"; "EXPIRES"; "LAST USED"; "ROLES" ]
    let rows =
        [ for t in tokens ->
            [ t.Name; t.Id; t.Kind.Text; t.Scope.Text; relative now t.CreatedAt; expiry now t
              (t.LastUsedAt |> Option.map (relative now) |> Option.defaultValue "never"); roles t ] ]
    table width
        [ Shrink "ROLES"; Drop "KIND"; Drop "SCOPE"; Drop "CREATED"; Shrink "NAME"; Drop "LAST USED"; Shrink "EXPIRES"; Drop "ROLES" ]
        headers rows

/// JSON as the tool writes it: indented, every character outside printable ASCII escaped (so control characters
/// are exact but never raw).
let jsonOptions = JsonWriterOptions(Indented = true, Encoder = JavaScriptEncoder.Default)

/// Writes a JSON document with `write` and answers its text.
let jsonText (write: Utf8JsonWriter -> unit) =
    use buffer = new MemoryStream()
    do
        use writer = new Utf8JsonWriter(buffer, jsonOptions)
        write writer
    Encoding.UTF8.GetString(buffer.ToArray())

let private writeSubject (w: Utf8JsonWriter) (name: string) (s: Subject) =
    w.WriteStartObject name
    w.WriteString("id", s.Id)
    s.Kind |> Option.iter (fun k -> w.WriteString("subjectType", k.Text))
    for field, value in [ "apiTokenName", s.ApiTokenName; "avatarUrl", s.AvatarUrl; "fullName", s.FullName; "username", s.Username ] do
        value |> Option.iter (fun v -> w.WriteString(field, v))
    w.WriteEndObject()

let private writeRoles (w: Utf8JsonWriter) (name: string) (roles: Role list) =
    w.WriteStartArray name
    for r in roles do
        w.WriteStartObject()
        w.WriteString("entityId", r.EntityId)
        w.WriteString("entityType", r.Entity.Text)
        w.WriteString("role", r.Role)
        r.DeploymentId |> Option.iter (fun d -> w.WriteString("deploymentId", d))
        w.WriteEndObject()
    w.WriteEndArray()

/// One token with the API's field names (the F# layer's `TokenFields`: `scope`, as /v1 names it); an absent optional
/// field is left out, as the API leaves it out. The secret is not a field of `Token`.
let writeToken (w: Utf8JsonWriter) (t: Token) =
    w.WriteStartObject()
    for field in TokenFields.all do
        match field.Read t with
        | TokenFields.Text text -> w.WriteString(field.Name, text)
        | TokenFields.Time _ as time -> w.WriteString(field.Name, TokenFields.text time)
        | TokenFields.Number n -> w.WriteNumber(field.Name, n)
        | TokenFields.Person subject -> writeSubject w field.Name subject
        | TokenFields.Grants roles -> writeRoles w field.Name roles
        | TokenFields.Absent -> ()
    w.WriteEndObject()

/// A JSON array of tokens with the API's own field names.
let json (tokens: Token list) =
    jsonText (fun w ->
        w.WriteStartArray()
        for t in tokens do writeToken w t
        w.WriteEndArray())

/// A CSV cell: control and invisible characters but new lines made visible (tabs included, so none can split a
/// cell); every place a spreadsheet could read as the start of a formula (=, +, -, @) gets an apostrophe before it, as
/// OWASP advises: the start of the cell, and the start of each fragment after a ';' (spaces skipped), since in locales
/// whose list separator is ';' (most of Europe) the fragment is a cell of its own. Quoted when needed.
let csvCell (value: string) =
    let visible = String.Join("\n", value.Split('\n') |> Array.map Terminal.printable)
    let safe = Text.StringBuilder(visible.Length + 2)
    let mutable cellStart = true
    for c in visible do
        if cellStart && "=+-@".Contains c then safe.Append('\'') |> ignore
        safe.Append c |> ignore
        cellStart <- c = ';' || (cellStart && c = ' ')
    let safe = safe.ToString()
    if safe.IndexOfAny([| ','; '"'; '\n'; '\r'; ';' |]) >= 0 then "\"" + safe.Replace("\"", "\"\"") + "\"" else safe

/// CSV: a header of the API's field names (`TokenFields`) and one row per token; roles as `ROLE@ENTITY` joined with ';'.
let csv (tokens: Token list) =
    let header = TokenFields.all |> List.map (fun f -> f.Name) |> String.concat ","
    let row (t: Token) = TokenFields.all |> List.map (fun f -> csvCell (TokenFields.text (f.Read t))) |> String.concat ","
    String.concat Environment.NewLine (header :: List.map row tokens)
