/// How tokens are written: aligned tables with relative times, JSON with the API's field names, CSV. Pure.
/// The secret `token` value is never among the columns or fields.
module AgentTokens.Cli.Output

open System
open System.Globalization
open System.Text
open System.Text.Json
open AgentTokens
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
        let text = sprintf "%d %s%s" n unit (if n = 1 then "" else "s")
        if span < TimeSpan.Zero then text + " ago" else "in " + text

/// The expiry column: "never", "expired 3 days ago", "in 5 days (soon)", "not valid until ...".
let expiry (now: DateTimeOffset) (token: Token) =
    match Analysis.expiryStatus (TimeSpan.FromDays 7.0) now token with
    | Analysis.NeverExpires -> "never"
    | Analysis.Expired _ -> "expired " + relative now token.EndAt.Value
    | Analysis.ExpiringSoon _ -> relative now token.EndAt.Value + " (soon)"
    | Analysis.Active _ -> relative now token.EndAt.Value
    | Analysis.NotYetValid _ -> "starts " + relative now token.StartAt

let private roles (token: Token) =
    token.Roles |> List.map (fun r -> sprintf "%s@%s" r.Role (Convert.entityTypeText r.EntityType)) |> String.concat ";"

/// An aligned table: a header and a row per token.
let table (now: DateTimeOffset) (tokens: Token list) =
    let headers = [ "NAME"; "ID"; "KIND"; "TYPE"; "CREATED"; "EXPIRES"; "LAST USED"; "ROLES" ]
    let rows =
        [ for t in tokens ->
            [ t.Name; t.Id; Convert.kindText t.Kind; Convert.tokenTypeText t.Type; relative now t.CreatedAt; expiry now t
              (t.LastUsedAt |> Option.map (relative now) |> Option.defaultValue "never"); roles t ] ]
    let widths = headers |> List.mapi (fun i h -> (h :: List.map (List.item i) rows) |> List.map String.length |> List.max)
    let line (cells: string list) =
        (List.zip cells widths |> List.map (fun (c, w) -> c.PadRight w) |> String.concat "  ").TrimEnd()
    String.concat Environment.NewLine (line headers :: List.map line rows)

let private jsonOptions = JsonSerializerOptions(AgentTokensJsonContext.Default.Options, WriteIndented = true)

/// A JSON array of tokens with the API's own field names; the secret is always left out.
let json (tokens: AgentToken seq) =
    let withoutSecret = tokens |> Seq.map (fun t -> t.WithoutSecret()) |> Array.ofSeq
    JsonSerializer.Serialize(withoutSecret, jsonOptions)

let private csvCell (value: string) =
    if value.IndexOfAny([| ','; '"'; '\n'; '\r' |]) >= 0 then "\"" + value.Replace("\"", "\"\"") + "\"" else value

let private iso (t: DateTimeOffset) = t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)

/// CSV: a header and one row per token, roles joined with ';'.
let csv (tokens: Token list) =
    let header = "id,name,description,kind,type,shortToken,createdAt,updatedAt,startAt,endAt,expiryPeriodInDays,lastUsedAt,lastRotatedAt,createdBy,roles"
    let row (t: Token) =
        [ t.Id; t.Name; t.Description; Convert.kindText t.Kind; Convert.tokenTypeText t.Type; t.ShortToken
          iso t.CreatedAt; iso t.UpdatedAt; iso t.StartAt
          t.EndAt |> Option.map iso |> Option.defaultValue ""
          t.ExpiryPeriodInDays |> Option.map string |> Option.defaultValue ""
          t.LastUsedAt |> Option.map iso |> Option.defaultValue ""
          t.LastRotatedAt |> Option.map iso |> Option.defaultValue ""
          t.CreatedBy |> Option.map (fun s -> s.DisplayName) |> Option.defaultValue ""
          roles t ]
        |> List.map csvCell |> String.concat ","
    String.concat Environment.NewLine (header :: List.map row tokens)
