// The promised surface and its documentation: TokenFields.fsi.
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.TokenFields

open System
open System.Globalization

type FieldValue =
    | Text of string
    | Time of DateTimeOffset
    | Number of int
    | Person of Subject
    | Grants of Role list
    | Absent

type Field = { Name: string; Read: Token -> FieldValue }

let private optional (value: 'T option) (make: 'T -> FieldValue) = value |> Option.map make |> Option.defaultValue Absent

let all =
    [ { Name = "id"; Read = fun t -> Text t.Id }
      { Name = "name"; Read = fun t -> Text t.Name }
      { Name = "description"; Read = fun t -> Text t.Description }
      { Name = "kind"; Read = fun t -> Text t.Kind.Text }
      { Name = "scope"; Read = fun t -> Text t.Scope.Text }
      { Name = "shortToken"; Read = fun t -> Text t.ShortToken }
      { Name = "createdAt"; Read = fun t -> Time t.CreatedAt }
      { Name = "updatedAt"; Read = fun t -> Time t.UpdatedAt }
      { Name = "startAt"; Read = fun t -> Time t.StartAt }
      { Name = "endAt"; Read = fun t -> optional t.EndAt Time }
      { Name = "expiryPeriodInDays"; Read = fun t -> optional t.ExpiryPeriodInDays Number }
      { Name = "lastUsedAt"; Read = fun t -> optional t.LastUsedAt Time }
      { Name = "lastRotatedAt"; Read = fun t -> optional t.LastRotatedAt Time }
      { Name = "createdBy"; Read = fun t -> optional t.CreatedBy Person }
      { Name = "updatedBy"; Read = fun t -> optional t.UpdatedBy Person }
      { Name = "roles"; Read = fun t -> Grants t.Roles } ]

let text (value: FieldValue) =
    match value with
    | Text s -> s
    | Time t -> t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
    | Number n -> n.ToString(CultureInfo.InvariantCulture)
    | Person s -> s.DisplayName
    | Grants roles -> roles |> List.map (fun r -> r.Role + "@" + r.Entity.Text) |> String.concat ";"
    | Absent -> ""
