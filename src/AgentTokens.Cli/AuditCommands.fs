/// report, check and snapshot: the organization (or one deployment) as the unit of audit.
module AgentTokens.Cli.AuditCommands

open System
open System.IO
open System.Text.Json
open System.Threading
open System.Threading.Tasks
open AgentTokens.FSharp
open AgentTokens.Charts
open AgentTokens.Cli.CommandOptions
open AgentTokens.Cli.Terminal

/// Deployments read at once: well under the API's 25 GET/s, which the client's limiter holds anyway.
let private concurrency = 8

/// A progress bar on a terminal's stderr: deployments done of total.
let private progress (streams: Streams) (finished: int) (total: int) =
    if streams.ErrIsTerminal && total > 0 then
        let width = 30
        let filled = width * finished / total
        streams.Err.Write($"\rDeployments [{String('#', filled)}{String('.', width - filled)}] {finished}/{total}")

/// Names each deployment the audit could not read, one line each on stderr.
let private reportSkipped (streams: Streams) (audit: Audit) =
    for s in audit.Skipped do
        error streams $"deployment {printable s.Deployment.Name} ({printable s.Deployment.Id}) was skipped: {printable s.Reason}."

/// Reads what the command covers (a deployment, or the organization) and runs `run` on it; deployments the server
/// listed but that could not be read are named on stderr, and the run exits 1 for them (after doing the rest).
let private withAudit (streams: Streams) (target: TargetSettings) (cancel: CancellationToken) (run: AgentTokens.FSharp.Target -> Audit -> Task<int>) =
    Target.runWith streams target (fun target -> task {
        let! audit = Audit.collect target.Connection concurrency (progress streams) cancel
        if streams.ErrIsTerminal then streams.Err.Write("\r" + String(' ', 60) + "\r")
        match audit with
        | Error failure -> return fail streams failure
        | Ok audit ->
            reportSkipped streams audit
            let! code = run target audit
            // A skipped deployment makes the audit incomplete: that outranks a clean result and findings alike.
            return if (code = Exit.ok || code = Exit.findings) && not audit.Skipped.IsEmpty then Exit.apiError else code })

/// `report`: the HTML page of the audit, and its summary. The folder is checked before the audit is read.
let report (shared: Shared) (folder: string option) (streams: Streams) (cancel: CancellationToken) =
    let folder = folder |> Option.defaultWith (fun () -> Path.Combine("artifacts", "report"))
    let path = Path.Combine(folder, "token-health.html")
    let writable () =
        Directory.CreateDirectory folder |> ignore
        AgentTokens.AtomicFile.EnsureWritable(path, AgentTokens.AtomicFile.Existing.Replace) |> ignore
    match attemptFile streams $"the report cannot be written to {printable folder}" writable with
    | Error code -> Task.FromResult code
    | Ok() ->
    withAudit streams (Target.targetOf shared DeploymentOrOrganization AstroElseEmbedded) cancel (fun target audit -> task {
        match attemptFile streams $"the report cannot be written to {printable folder}" (fun () -> Report.saveAudit target.Description path audit target.Now) with
        | Error code -> return code
        | Ok() ->
        streams.Out.WriteLine($"Agent token health: {printable target.Description}")
        for line in Report.summaryLines target.Now audit.Tokens do
            streams.Out.WriteLine(printable line)
        streams.Out.WriteLine($"Deployments: {audit.Deployments.Length}" + (if audit.Skipped.IsEmpty then "" else $" ({audit.Skipped.Length} skipped: see above)"))
        streams.Out.WriteLine($"Report: {Path.GetFullPath path}")
        return Exit.ok })

let private writeFinding (w: Utf8JsonWriter) (f: Finding) =
    w.WriteStartObject()
    w.WriteString("rule", f.Rule.Text)
    w.WriteString("deploymentId", f.DeploymentId)
    w.WriteString("deploymentName", f.DeploymentName)
    match f.TokenId with Some id -> w.WriteString("tokenId", id) | None -> w.WriteNull "tokenId"
    match f.TokenName with Some name -> w.WriteString("tokenName", name) | None -> w.WriteNull "tokenName"
    w.WriteString("detail", f.Detail)
    w.WriteEndObject()

/// The findings as text, grouped by deployment (most urgent first, as `Policy.check` orders them).
let findingsText (width: int) (findings: Finding list) =
    if findings.IsEmpty then "No finding: every token passes the policy."
    else
        [ for (id, name), group in findings |> List.groupBy (fun f -> f.DeploymentId, f.DeploymentName) do
            yield $"{printable name} ({id}): {group.Length} finding(s)"
            yield Output.table (width - 2) [ Output.Shrink "TOKEN"; Output.Shrink "DETAIL" ] [ "RULE"; "TOKEN"; "DETAIL" ]
                      [ for f in group -> [ f.Rule.Text; defaultArg f.TokenName "(the deployment)"; f.Detail ] ]
                  |> fun t -> t.Split('\n') |> Array.skip 1 |> Array.map (fun l -> "  " + l.TrimEnd('\r')) |> String.concat Environment.NewLine ]
        |> String.concat Environment.NewLine

/// `check`: the policy gate; exit 5 when anything is found.
let check (shared: Shared) (options: CheckOptions) (streams: Streams) (cancel: CancellationToken) =
    let days (given: int option) (fallback: TimeSpan) = given |> Option.map (fun d -> TimeSpan.FromDays(float d)) |> Option.defaultValue fallback
    let policy =
        { ExpiringWithin = days options.ExpiringWithin Policy.defaults.ExpiringWithin
          UnusedFor = days options.UnusedFor Policy.defaults.UnusedFor
          MaxPerDeployment = options.MaxPerDeployment |> Option.defaultValue Policy.defaults.MaxPerDeployment }
    if policy.ExpiringWithin < TimeSpan.Zero || policy.UnusedFor < TimeSpan.Zero || policy.MaxPerDeployment < 0 then
        error streams "--expiring-within, --unused-for and --max-per-deployment must be 0 or more."
        Task.FromResult Exit.usage
    else
        withAudit streams (Target.targetOf shared DeploymentOrOrganization AstroOnly) cancel (fun target audit -> task {
            let findings = Policy.check policy target.Now audit
            match options.Format |> Option.defaultValue (if streams.OutIsTerminal then Text else ReportFormat.Json) with
            | Text -> streams.Out.WriteLine(findingsText streams.Width findings)
            | ReportFormat.Json ->
                let skipped (w: Utf8JsonWriter) (s: SkippedDeployment) =
                    w.WriteStartObject()
                    w.WriteString("rule", "skipped")
                    w.WriteString("deploymentId", s.Deployment.Id)
                    w.WriteString("deploymentName", s.Deployment.Name)
                    w.WriteNull "tokenId"
                    w.WriteNull "tokenName"
                    w.WriteString("detail", s.Reason)
                    w.WriteEndObject()
                streams.Out.WriteLine(Output.jsonText (fun w ->
                    w.WriteStartArray()
                    List.iter (skipped w) audit.Skipped
                    List.iter (writeFinding w) findings
                    w.WriteEndArray()))
            return if findings.IsEmpty then Exit.ok else Exit.findings })

/// `snapshot save --out FILE [--force]`: an existing file is kept unless --force; the file is checked before the
/// audit is read, written beside itself and renamed into place, readable by its owner only.
let save (shared: Shared) (options: SaveOptions) (streams: Streams) (cancel: CancellationToken) =
    let path = options.File
    let existing = if options.Replace then AgentTokens.AtomicFile.Existing.Replace else AgentTokens.AtomicFile.Existing.Refuse
    if not options.Replace && File.Exists path then
        error streams $"{printable path} exists: give --force to replace it (last week's snapshot is never overwritten by accident)."
        Task.FromResult Exit.usage
    else
    match attemptFile streams $"the snapshot cannot be written to {printable path}" (fun () -> AgentTokens.AtomicFile.EnsureWritable(path, existing) |> ignore) with
    | Error code -> Task.FromResult code
    | Ok() ->
    withAudit streams (Target.targetOf shared DeploymentOrOrganization AstroOnly) cancel (fun target audit -> task {
        let snapshot = Snapshot.capture target.Now (string target.Connection.Client.Options.ApiVersion) audit
        let write = if options.Replace then Snapshot.overwrite else Snapshot.save
        match attemptFile streams $"the snapshot cannot be written to {printable path}" (fun () -> write path snapshot) with
        | Error code -> return code
        | Ok() ->
            streams.Out.WriteLine($"Snapshot of {audit.Tokens.Length} tokens in {audit.Deployments.Length} deployment(s) written to {printable (Path.GetFullPath path)}")
            return Exit.ok })

let private writeEntry (w: Utf8JsonWriter) (d: DeploymentInfo) (t: Token) (fields: string list option) =
    w.WriteStartObject()
    w.WriteString("deploymentId", d.Id)
    w.WriteString("deploymentName", d.Name)
    w.WriteString("tokenId", t.Id)
    w.WriteString("tokenName", t.Name)
    fields |> Option.iter (fun fs -> w.WriteStartArray "fields"; List.iter (fun (f: string) -> w.WriteStringValue f) fs; w.WriteEndArray())
    w.WriteEndObject()

/// The differences as JSON: added, removed, changed (with the fields), newly expired.
let diffJson (diff: SnapshotDiff) =
    Output.jsonText (fun w ->
        w.WriteStartObject()
        for name, entries in [ "added", diff.Added; "removed", diff.Removed; "newlyExpired", diff.NewlyExpired ] do
            w.WriteStartArray name
            for d, t in entries do writeEntry w d t None
            w.WriteEndArray()
        w.WriteStartArray "changed"
        for c in diff.Changed do writeEntry w c.Deployment c.After (Some c.Fields)
        w.WriteEndArray()
        w.WriteEndObject())

/// The differences as text, a line each.
let diffText (diff: SnapshotDiff) =
    if diff.IsEmpty then "No difference."
    else
        let line mark (d: DeploymentInfo) (t: Token) extra = $"{mark} {printable t.Name} ({t.Id}) in {printable d.Name}{extra}"
        [ for d, t in diff.Added -> line "+ created" d t ""
          for d, t in diff.Removed -> line "- deleted" d t ""
          for c in diff.Changed -> line "~ changed" c.Deployment c.After (": " + String.concat ", " c.Fields)
          for d, t in diff.NewlyExpired -> line "! expired" d t "" ]
        |> String.concat Environment.NewLine

/// `snapshot diff OLD [NEW]`: exit 0 when equal, 5 when they differ.
let diff (shared: Shared) (options: DiffOptions) (streams: Streams) (cancel: CancellationToken) =
    let load (path: string) =
        try Ok(Snapshot.load path)
        with e -> Error($"{printable path} is not a snapshot this tool can read: {printable (e.Message.Split('\n').[0])}")
    let show (before: Snapshot) (after: Snapshot) =
        let differences = Snapshot.diff before after
        match options.Format |> Option.defaultValue (if streams.OutIsTerminal then Text else ReportFormat.Json) with
        | Text -> streams.Out.WriteLine(diffText differences)
        | ReportFormat.Json -> streams.Out.WriteLine(diffJson differences)
        if differences.IsEmpty then Exit.ok else Exit.findings
    match options.New with
    | None ->
        match load options.Old with
        | Error message -> error streams message; Task.FromResult Exit.usage
        | Ok before ->
            withAudit streams (Target.targetOf shared DeploymentOrOrganization AstroOnly) cancel (fun target audit ->
                Task.FromResult(show before (Snapshot.capture target.Now (string target.Connection.Client.Options.ApiVersion) audit)))
    | Some recent ->
        match load options.Old, load recent with
        | Error message, _ | _, Error message -> error streams message; Task.FromResult Exit.usage
        | Ok before, Ok after -> Task.FromResult(show before after)
