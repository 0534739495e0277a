/// Formatters for Polyglot Notebooks and dotnet-repl: tokens (C# or F#) and lists of them display as readable
/// tables with the secret redacted; Plotly.NET charts display with plotly.js inlined, so they draw offline.
module AgentTokens.Interactive.Formatters

open System
open System.Collections.Generic
open System.Globalization
open Microsoft.DotNet.Interactive.Formatting
open Plotly.NET
open AgentTokens.FSharp
open AgentTokens.Charts

let private day (t: DateTimeOffset) = t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
let private orDash (o: string option) = defaultArg o "-"

/// The columns of a token row. The secret is never among them.
let private row (t: Token) =
    [ t.Name; t.Id; Convert.kindText t.Kind; Convert.tokenTypeText t.Type; day t.CreatedAt
      t.EndAt |> Option.map day |> orDash
      t.LastUsedAt |> Option.map day |> defaultArg <| "never"
      t.Roles |> List.map (fun r -> sprintf "%s on %s" r.Role (Convert.entityTypeText r.EntityType)) |> String.concat "; "
      t.CreatedBy |> Option.map (fun s -> s.DisplayName) |> orDash ]

let private headers = [ "Name"; "ID"; "Kind"; "Type"; "Created"; "Expires"; "Last used"; "Roles"; "Created by" ]

/// An HTML table of tokens: at most `limit` rows, with a note of how many were left out.
let tokensHtml (limit: int) (tokens: Token seq) =
    let tokens = List.ofSeq tokens
    let shown = List.truncate limit tokens
    let note = if tokens.Length > limit then sprintf "%d of %d tokens shown." limit tokens.Length else sprintf "%d tokens." tokens.Length
    Html.table "Agent tokens" headers [ for t in shown -> row t ] note

/// Charts already sent to this notebook; plotly.js is inlined with the first one only.
let mutable private plotlySent = false

/// A chart's HTML, with plotly.js inlined the first time.
let chartHtml (chart: GenericChart) =
    let script = if plotlySent then "" else sprintf "<script type=\"text/javascript\">%s</script>" Report.plotlyJs.Value
    plotlySent <- true
    script + Report.chartHtml ("chart-" + Guid.NewGuid().ToString "N") chart

/// Registers the formatters. Call once, in the notebook's first cell.
let register () =
    let many (tokens: Token seq) = tokensHtml 200 tokens
    Formatter.Register<Token>(Func<Token, string>(fun t -> tokensHtml 1 [ t ]), "text/html")
    Formatter.Register<Token list>(Func<Token list, string>(many), "text/html")
    Formatter.Register<Token[]>(Func<Token[], string>(many), "text/html")
    Formatter.Register<IEnumerable<Token>>(Func<IEnumerable<Token>, string>(many), "text/html")
    let core (t: AgentTokens.AgentToken) = Convert.token t
    Formatter.Register<AgentTokens.AgentToken>(Func<AgentTokens.AgentToken, string>(fun t -> tokensHtml 1 [ core t ]), "text/html")
    Formatter.Register<AgentTokens.AgentToken>(Func<AgentTokens.AgentToken, string>(fun t -> t.ToString()), "text/plain")
    Formatter.Register<IEnumerable<AgentTokens.AgentToken>>(Func<IEnumerable<AgentTokens.AgentToken>, string>(Seq.map core >> many), "text/html")
    Formatter.Register<IReadOnlyList<AgentTokens.AgentToken>>(Func<IReadOnlyList<AgentTokens.AgentToken>, string>(Seq.map core >> many), "text/html")
    Formatter.Register<AgentTokens.AgentToken[]>(Func<AgentTokens.AgentToken[], string>(Seq.map core >> many), "text/html")
    Formatter.Register<GenericChart>(Func<GenericChart, string>(chartHtml), "text/html")
