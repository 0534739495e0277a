/// list, get, create and delete: each returns its exit code; expected failures become one line on stderr.
module AgentTokens.Cli.TokenCommands

open System
open System.IO
open System.Threading
open System.Threading.Tasks
open AgentTokens.FSharp
open AgentTokens.Cli.CommandOptions
open AgentTokens.Cli.Terminal

/// Runs `run` against the command's target (one deployment), stopping a started sandbox afterwards.
let private withTarget (streams: Streams) (target: TargetSettings) (run: AgentTokens.FSharp.Target -> string -> Task<int>) =
    Target.runWith streams target (fun target ->
        match target.Connection.DeploymentId with
        | Some deploymentId -> run target deploymentId
        | None ->
            error streams "No deployment: set ASTRO_DEPLOYMENT_ID or --deployment."
            Task.FromResult Exit.usage)

let private defaultFormat (streams: Streams) = if streams.OutIsTerminal then Table else Format.Json

let private write (streams: Streams) (format: Format) (now: DateTimeOffset) (tokens: Token list) =
    match format with
    | Table -> streams.Out.WriteLine(Output.tokenTable streams.Width now tokens)
    | Format.Json -> streams.Out.WriteLine(Output.json tokens)
    | Csv -> streams.Out.WriteLine(Output.csv tokens)

/// `list`: every token (or --max-items), sorted as asked, in the chosen format.
let list (shared: Shared) (options: ListOptions) (streams: Streams) (cancel: CancellationToken) =
    let target = Target.targetOf shared OneDeployment AstroOnly
    let reading = { target with Settings = { target.Settings with Lenient = options.Lenient; VerifyBoundaries = options.VerifyBoundaries } }
    withTarget streams reading (fun target deployment -> task {
        let c = target.Connection
        let query =
            { Query.forDeployment c.OrganizationId deployment with
                Sorts = options.Sorts; PageSize = options.PageSize; Take = options.MaxItems; CancellationToken = cancel }
        match! Tokens.listAll c.Client query with
        | Error failure -> return fail streams failure
        | Ok listing ->
            if not listing.Diagnostics.Complete then
                error streams ("warning: the listing may be incomplete: " + String.Join("; ", listing.Diagnostics.Events))
            write streams (options.Format |> Option.defaultWith (fun () -> defaultFormat streams)) target.Now listing.Tokens
            return Exit.ok })

/// `get TOKEN_ID`.
let get (shared: Shared) (options: GetOptions) (streams: Streams) (cancel: CancellationToken) =
    withTarget streams (Target.targetOf shared OneDeployment AstroOnly) (fun target deployment -> task {
        let c = target.Connection
        match! Tokens.get c.Client c.OrganizationId deployment options.TokenId cancel with
        | Error failure -> return fail streams failure
        | Ok token ->
            write streams (options.Format |> Option.defaultWith (fun () -> defaultFormat streams)) target.Now [ token ]
            return Exit.ok })

/// Printable ASCII only: the one value the tool prints unescaped must not be able to drive a terminal.
let private printableAscii (secret: string) = secret |> Seq.forall (fun c -> c >= ' ' && c <= '~')

/// `create --name NAME`: the one-time secret goes to --secret-file, to a terminal, or (--show-secret) to a pipe. Once
/// the request is sent the token may exist, so it is not cancelled: Ctrl+C or the deadline take effect after its
/// answer, and the secret is kept (or the token named) whatever happens next.
let create (shared: Shared) (options: CreateOptions) (streams: Streams) (_: CancellationToken) =
    let refused =
        match options.Secret with
        | TerminalOnly when not streams.OutIsTerminal ->
            Some(Exit.usage, "create would print the one-time secret to a pipe or a file (a log keeps it): give --secret-file PATH, or --show-secret to print it anyway.")
        | SecretFile path ->
            // Checked before the token exists, so that its secret has somewhere to go.
            try
                AgentTokens.SecretFile.EnsureWritable path |> ignore
                None
            with
            | :? IOException as e when File.Exists path || Directory.Exists path -> Some(Exit.usage, $"--secret-file {printable path} already exists: it is never overwritten; give a new path ({printable e.Message}).")
            | :? IOException | :? UnauthorizedAccessException as e -> Some(Exit.file, $"--secret-file {printable path} cannot be written: {printable e.Message}")
        | _ -> None
    match refused with
    | Some(code, message) ->
        error streams message
        Task.FromResult code
    | None ->
        let request = { Name = options.Name; Description = options.Description; ExpiryPeriodInDays = options.ExpiryDays }
        withTarget streams (Target.targetOf shared OneDeployment AstroOnly) (fun target deployment -> task {
            let c = target.Connection
            match! Tokens.create c.Client c.OrganizationId deployment request CancellationToken.None with
            | Error failure -> return fail streams failure
            | Ok created ->
                let id = created.Token.Id
                let lost (why: string) =
                    error streams $"agent token {printable id} was created in deployment {printable deployment}, but {why}; delete it (agent-tokens delete {printable id} --yes) and create another."
                streams.Out.WriteLine(Output.tokenTable streams.Width target.Now [ created.Token ])
                match created.Secret, options.Secret with
                | None, _ ->
                    lost "the answer carried no secret"
                    return Exit.apiError
                | Some secret, SecretFile path ->
                    match (try Ok(AgentTokens.SecretFile.Write(path, secret.Reveal())) with e -> Error e.Message) with
                    | Ok written ->
                        streams.Out.WriteLine($"The secret went to {printable written} (readable by its owner only); it is shown nowhere else.")
                        return Exit.ok
                    | Error why ->
                        lost $"its secret could not be written to {printable path} ({printable why}) and is lost"
                        return Exit.file
                | Some secret, _ when not (printableAscii (secret.Reveal())) ->
                    lost "its secret holds characters other than printable ASCII and is not printed"
                    return Exit.apiError
                | Some secret, _ ->
                    streams.Out.WriteLine()
                    streams.Out.WriteLine("token: " + secret.Reveal())
                    streams.Out.Flush()
                    error streams "this is the only time the token value is shown; store it in a secret manager now."
                    return Exit.ok })

/// `delete TOKEN_ID`: shows the token and asks on a terminal; elsewhere needs --yes; --dry-run deletes nothing.
let delete (shared: Shared) (options: DeleteOptions) (streams: Streams) (cancel: CancellationToken) =
    let id = options.TokenId
    let dryRun = options.Confirmation = DryRun
    let confirmed = options.Confirmation = Confirmed
    let asking = not confirmed && not dryRun && streams.InIsTerminal && streams.OutIsTerminal
    if not confirmed && not dryRun && not asking then
        error streams "delete needs --yes when not on a terminal (--dry-run shows what would be deleted)."
        Task.FromResult Exit.usage
    else
        withTarget streams (Target.targetOf shared OneDeployment AstroOnly) (fun target deployment -> task {
            let c = target.Connection
            let absent () = streams.Out.WriteLine($"Agent token {printable id} was already absent from deployment {printable deployment}: nothing was deleted.")
            let! shown =
                if confirmed && not dryRun then Task.FromResult(Ok None)
                else task {
                    match! Tokens.get c.Client c.OrganizationId deployment id cancel with
                    | Ok token -> return Ok(Some token)
                    | Error(NotFound _) -> return Ok None
                    | Error failure -> return Error failure }
            match shown with
            | Error failure -> return fail streams failure
            | Ok None when not confirmed || dryRun ->
                absent ()
                return Exit.ok
            | Ok shown ->
                let describe (t: Token) =
                    $"agent token {printable t.Name} ({t.Id}, short token {printable t.ShortToken}) from deployment {printable deployment}"
                let go =
                    match shown with
                    | Some t when dryRun ->
                        streams.Out.WriteLine($"Would delete {describe t}; nothing was deleted (--dry-run).")
                        false
                    | Some t when asking ->
                        streams.Out.Write($"Delete {describe t}? [y/N] ")
                        streams.Out.Flush()
                        match streams.ReadLine() |> Option.map (fun a -> a.Trim().ToLowerInvariant()) with
                        | Some("y" | "yes") -> true
                        | _ ->
                            streams.Out.WriteLine("Kept: nothing was deleted.")
                            false
                    | _ -> true
                if not go then return Exit.ok
                else
                    match! Tokens.delete c.Client c.OrganizationId deployment id cancel with
                    | Error failure -> return fail streams failure
                    | Ok AlreadyAbsent ->
                        absent ()
                        return Exit.ok
                    | Ok Deleted ->
                        streams.Out.WriteLine($"Deleted agent token {printable id} from deployment {printable deployment}.")
                        return Exit.ok })
