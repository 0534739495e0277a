/// The report's tables, as HTML (every text encoded): summary, roles, creators, deployments, and the tokens that
/// need attention. Pure.
[<RequireQualifiedAccess>]
module internal AgentTokens.Charts.ReportTables

open System
open System.Globalization
open AgentTokens.FSharp

let private day (t: DateTimeOffset) = t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
let private creator (t: Token) = t.CreatedBy |> Option.map (fun s -> s.DisplayName) |> Option.defaultValue "unknown"

/// The overview tables (summary, roles, creators) and the detail tables (expiring soon, never used).
let overview (now: DateTimeOffset) (tokens: Token list) =
    let s = Analysis.summary now tokens
    let counts =
        Html.table "Summary" [ "What"; "Tokens" ]
            [ [ "Total"; string s.Total ]; [ "Expired"; string s.Expired ]
              [ "Expiring within 7 days"; string s.ExpiringWithin7Days ]; [ "Expiring within 30 days"; string s.ExpiringWithin30Days ]
              [ "Never used"; string s.NeverUsed ]; [ "Older than 90 days"; string s.OlderThan90Days ]
              [ "Older than 365 days"; string s.OlderThan365Days ]; [ "Without expiry"; string s.WithoutExpiry ] ] ""
    let limit = 25
    let expiring =
        tokens |> List.filter (Analysis.expiresWithin (TimeSpan.FromDays 30.0) now) |> List.sortBy (fun t -> t.EndAt)
    let expiringTable =
        Html.table "Expiring within 30 days" [ "Name"; "ID"; "Expires"; "Days left"; "Created by" ]
            [ for t in List.truncate limit expiring do
                match t.EndAt with
                | Some endAt -> [ t.Name; t.Id; day endAt; (endAt - now).TotalDays.ToString("F1", CultureInfo.InvariantCulture); creator t ]
                | None -> () ]
            (if expiring.Length > limit then $"{expiring.Length - limit} more not shown." else "")
    let neverUsed = tokens |> List.filter (fun t -> t.LastUsedAt.IsNone) |> List.sortBy (fun t -> t.CreatedAt)
    let neverUsedTable =
        Html.table "Never used (oldest first)" [ "Name"; "ID"; "Created"; "Age (days)"; "Created by" ]
            [ for t in List.truncate limit neverUsed -> [ t.Name; t.Id; day t.CreatedAt; (Analysis.age now t).TotalDays.ToString("F0", CultureInfo.InvariantCulture); creator t ] ]
            (if neverUsed.Length > limit then $"{neverUsed.Length - limit} more not shown." else "")
    let rolesTable =
        Html.table "Top roles" [ "Role"; "Entity type"; "Assignments" ]
            [ for (role, entityType), n in Analysis.rolesByNameAndEntity tokens |> List.truncate 15 -> [ role; entityType.Text; string n ] ] ""
    let creatorsTable =
        Html.table "Top creators" [ "Creator"; "Type"; "Tokens" ]
            [ for subject, n in Analysis.creators tokens |> List.truncate 10 ->
                [ subject.DisplayName; subject.Kind |> Option.map (fun k -> k.Text) |> Option.defaultValue ""; string n ] ] ""
    $"<div class=\"grid\">{counts}{rolesTable}{creatorsTable}</div>", expiringTable + neverUsedTable


/// The table of deployments: tokens, expired, expiring within 7 and 30 days, never used, next expiry; those whose
/// every token expires within 7 days first (marked), deployments without tokens listed as such.
let deployments (now: DateTimeOffset) (deployments: DeploymentTokens list) =
    let rows = ChartData.deploymentRows now deployments
    Html.table "Deployments" [ "Deployment"; "Workspace"; "Tokens"; "Expired"; "Expiring in 7 days"; "Expiring in 30 days"; "Never used"; "Next expiry" ]
        [ for r in rows ->
            [ (if r.AllExpireWithin7Days then "⚠ " else "") + r.Deployment.Name
              defaultArg r.Deployment.WorkspaceId ""
              (if r.Tokens = 0 then "none" else string r.Tokens)
              string r.Expired; string r.ExpiringWithin7Days; string r.ExpiringWithin30Days; string r.NeverUsed
              r.NextExpiry |> Option.map day |> Option.defaultValue "-" ] ]
        ($"{rows.Length} deployments; ⚠ every token expires within 7 days.")
