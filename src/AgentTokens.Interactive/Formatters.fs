/// Formatters for the .NET Interactive kernel (Jupyter, Polyglot Notebooks): tokens (C# or F#) and lists of them
/// display as readable tables; clients, options and connections as their settings, the bearer token as `***`; a
/// created token's secret as `***`; Plotly.NET charts with plotly.js inlined, so they draw offline. Members that
/// hold a secret are also `DebuggerBrowsable(Never)`, which the kernel's default formatter honours for any other
/// object that contains one.
module AgentTokens.Interactive.Formatters

open System
open System.Collections.Generic
open System.Globalization
open System.Threading
open Microsoft.DotNet.Interactive.Formatting
open Plotly.NET
open AgentTokens
open AgentTokens.FSharp
open AgentTokens.Charts

let private day (t: DateTimeOffset) = t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)

/// Fields too wide or too technical for a notebook's table of tokens; every other field of `TokenFields` is a column,
/// so a field the API gains shows without a change here.
let private leftOut = set [ "description"; "shortToken"; "updatedAt"; "startAt"; "expiryPeriodInDays"; "lastRotatedAt"; "updatedBy" ]

let private columns = TokenFields.all |> List.filter (fun f -> not (leftOut.Contains f.Name))

/// A cell: days for moments, "never" for a token never used, "-" for any other absent value.
let private cell (field: TokenFields.Field) (t: Token) =
    match field.Read t with
    | TokenFields.Time time -> day time
    | TokenFields.Absent when field.Name = "lastUsedAt" -> "never"
    | TokenFields.Absent -> "-"
    | TokenFields.Grants roles -> roles |> List.map (fun r -> r.Role + " on " + r.Entity.Text) |> String.concat "; "
    | value -> TokenFields.text value

/// The columns of a token row. The secret is never among them: `Token` has no field for it.
let private row (t: Token) = [ for f in columns -> cell f t ]

let private headers = [ for f in columns -> f.Name ]

/// An HTML table of tokens: at most `limit` rows, with a note of how many were left out.
let tokensHtml (limit: int) (tokens: Token seq) =
    let tokens = List.ofSeq tokens
    let shown = List.truncate limit tokens
    let note = if tokens.Length > limit then sprintf "%d of %d tokens shown." limit tokens.Length else sprintf "%d tokens." tokens.Length
    Html.table "Agent tokens" headers [ for t in shown -> row t ] note

/// An HTML table of policy findings (`Policy.check`, or `CheckPolicy` from C#), most urgent first.
let findingsHtml (findings: (string * string * string * string) list) =
    let note = if findings.IsEmpty then "No findings." else $"{findings.Length} findings."
    Html.table "Policy findings" [ "Rule"; "Deployment"; "Token"; "Detail" ] [ for rule, deployment, token, detail in findings -> [ rule; deployment; token; detail ] ] note

/// A two-column table of settings; every value is encoded.
let private settingsHtml (caption: string) (rows: (string * string) list) =
    Html.table caption [ "Setting"; "Value" ] [ for name, value in rows -> [ name; value ] ] ""

let private optionRows (o: AgentTokensClientOptions) =
    [ "BaseAddress", string o.BaseAddress
      "ApiVersion", string o.ApiVersion
      "ApiToken", (if isNull o.ApiToken then "(from ASTRO_API_TOKEN, not shown)" else "***")
      "PageSize", string o.PageSize
      "RequestTimeout", string o.RequestTimeout
      "Retry", sprintf "%d attempts" o.Retry.MaxAttempts
      "RateLimits", (if o.RateLimits.Enabled then sprintf "GET %d/s, POST %d/s, DELETE %d/s" o.RateLimits.GetPerSecond o.RateLimits.PostPerSecond o.RateLimits.DeletePerSecond else "off")
      "Completeness", string o.Completeness ]

/// A connection in one line: where it points, never the bearer token.
let connectionText (c: Connection) =
    sprintf "Connection to %O (%O), organization %s, %s, bearer token ***"
        c.Client.Options.BaseAddress c.Client.Options.ApiVersion c.OrganizationId
        (match c.DeploymentId with Some d -> "deployment " + d | None -> "every deployment")

/// Charts already sent to this notebook; plotly.js is inlined with the first one only.
let mutable private plotlySent = false

/// A chart's HTML, with plotly.js inlined the first time.
let chartHtml (chart: GenericChart) =
    let script = if plotlySent then "" else sprintf "<script type=\"text/javascript\">%s</script>" Report.plotlyJs.Value
    plotlySent <- true
    script + Report.chartHtml ("chart-" + Guid.NewGuid().ToString "N") chart

let private html<'T> (render: 'T -> string) = Formatter.Register<'T>(Func<'T, string>(render), HtmlFormatter.MimeType)
let private plain<'T> (render: 'T -> string) = Formatter.Register<'T>(Func<'T, string>(render), PlainTextFormatter.MimeType)

let mutable private registered = 0

/// Registers the formatters; the kernel extension calls it when the package or the repository's load cell is
/// referenced. Calling it again does nothing.
let register () =
    if Interlocked.Exchange(&registered, 1) = 0 then
        let many (tokens: Token seq) = tokensHtml 200 tokens
        let core (t: AgentToken) = Tokens.ofCore t
        html<Token> (fun t -> tokensHtml 1 [ t ])
        html<Token list> many
        html<Token[]> many
        html<IEnumerable<Token>> many
        html<AgentToken> (fun t -> tokensHtml 1 [ core t ])
        plain<AgentToken> string
        html<IEnumerable<AgentToken>> (Seq.map core >> many)
        html<IReadOnlyList<AgentToken>> (Seq.map core >> many)
        html<AgentToken[]> (Seq.map core >> many)
        html<AgentTokenPage> (fun p ->
            sprintf "<p>Page at offset %d, limit %d, of totalCount %d.</p>%s" p.Offset p.Limit p.TotalCount (many (Seq.map core p.Tokens)))
        html<Secret> (fun _ -> "<code>***</code>")
        plain<Secret> string
        html<CreatedToken> (fun c ->
            tokensHtml 1 [ c.Token ]
            + sprintf "<p>Secret: <code>%s</code> (shown by the API this once: <code>.Secret.Value.Reveal()</code> reads it, to store it in a secret manager).</p>"
                (if c.Secret.IsSome then "***" else "none returned"))
        html<AgentTokensClientOptions> (optionRows >> settingsHtml "AgentTokensClientOptions")
        plain<AgentTokensClientOptions> string
        html<AgentTokensClient> (fun c -> settingsHtml "AgentTokensClient" (optionRows c.Options))
        plain<AgentTokensClient> string
        html<Connection> (connectionText >> Html.text >> sprintf "<p>%s</p>")
        plain<Connection> connectionText
        html<GenericChart> chartHtml
        let fsharpFindings (findings: Finding list) =
            findingsHtml [ for f in findings -> f.Rule.Text, f.DeploymentName, defaultArg f.TokenName "-", f.Detail ]
        let csharpFindings (findings: AgentTokens.Analysis.PolicyFinding seq) =
            findingsHtml [ for f in findings -> f.Rule, f.DeploymentName, (if isNull f.TokenName then "-" else f.TokenName), f.Detail ]
        html<Analysis.Summary> (fun s ->
            Html.table "Summary" [ "Figure"; "Tokens" ]
                [ for name, value in
                      [ "Total", s.Total; "Expired", s.Expired; "Expiring within 7 days", s.ExpiringWithin7Days
                        "Expiring within 30 days", s.ExpiringWithin30Days; "Never used", s.NeverUsed
                        "Older than 90 days", s.OlderThan90Days; "Older than 365 days", s.OlderThan365Days
                        "Without expiry", s.WithoutExpiry ] -> [ name; string value ] ] "")
        html<Finding list> fsharpFindings
        html<IReadOnlyList<AgentTokens.Analysis.PolicyFinding>> csharpFindings
        html<AgentTokens.Analysis.PolicyFinding[]> csharpFindings
        let pre (text: string) = "<pre>" + Html.text text + "</pre>"
        html<JournalEntries> (string >> pre)
        plain<JournalEntries> string
        html<JournalEntry> (fun e -> pre (e.Request + "\n\n" + e.Response))
        plain<JournalEntry> (fun e -> e.Request + "\n\n" + e.Response)
        html<Picture> (fun p -> p.Html)
        plain<Picture> (fun p -> p.Text)
