/// list, get, create and delete: each returns its exit code; expected failures become one line on stderr.
module AgentTokens.Cli.TokenCommands

open System
open System.IO
open System.Threading
open System.Threading.Tasks
open AgentTokens.FSharp
open AgentTokens.Cli.Arguments
open AgentTokens.Cli.Terminal

/// Runs `run` against the command's target (a deployment is needed), stopping a started sandbox afterwards.
let private withTarget (streams: Streams) (shared: Shared) (lenient: bool) (verify: bool) (run: Target.Target -> string -> Task<int>) =
    Target.runWith streams shared true false lenient verify (fun target ->
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
    match Sort.parseAll options.Sorts with
    | Error message ->
        error streams message
        Task.FromResult Exit.usage
    | Ok sorts ->
        withTarget streams shared options.Lenient options.VerifyBoundaries (fun target deployment -> task {
            let c = target.Connection
            let query =
                { Query.forDeployment c.OrganizationId deployment with
                    Sorts = sorts; PageSize = options.PageSize; Take = options.MaxItems; CancellationToken = cancel }
            match! Tokens.listAll c.Client query with
            | Error failure -> return fail streams failure
            | Ok listing ->
                if not listing.Diagnostics.Complete then
                    error streams ("warning: the listing may be incomplete: " + String.Join("; ", listing.Diagnostics.Events))
                write streams (options.Format |> Option.defaultWith (fun () -> defaultFormat streams)) target.Now listing.Tokens
                return Exit.ok })

/// `get TOKEN_ID`.
let get (shared: Shared) (options: GetOptions) (streams: Streams) (cancel: CancellationToken) =
    withTarget streams shared false false (fun target deployment -> task {
        let c = target.Connection
        match! Tokens.get c.Client c.OrganizationId deployment options.TokenId cancel with
        | Error failure -> return fail streams failure
        | Ok token ->
            write streams (options.Format |> Option.defaultWith (fun () -> defaultFormat streams)) target.Now [ token ]
            return Exit.ok })

/// A new file that only its owner can read and write, created before the token so that the secret has somewhere to go.
let private secretFile (path: string) =
    let options = FileStreamOptions(Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None)
    if not (OperatingSystem.IsWindows()) then options.UnixCreateMode <- UnixFileMode.UserRead ||| UnixFileMode.UserWrite
    new FileStream(path, options)

/// `create --name NAME`: the one-time secret goes to --secret-file, to a terminal, or (--show-secret) to a pipe.
let create (shared: Shared) (options: CreateOptions) (streams: Streams) (cancel: CancellationToken) =
    let path = options.SecretFile
    match path with
    | None when not streams.OutIsTerminal && not options.ShowSecret ->
        error streams "create would print the one-time secret to a pipe or a file (a log keeps it): give --secret-file PATH, or --show-secret to print it anyway."
        Task.FromResult Exit.usage
    | Some existing when File.Exists existing || Directory.Exists existing ->
        error streams ($"--secret-file {existing} already exists: it is never overwritten; give a new path.")
        Task.FromResult Exit.usage
    | _ ->
        let request =
            { Name = options.Name
              Description = options.Description
              ExpiryPeriodInDays = options.ExpiryDays }
        /// Creates the token; the secret goes to `file` when there is one, else to stdout.
        let createInto (target: Target.Target) (deployment: string) (file: FileStream option) = task {
            let c = target.Connection
            match! Tokens.create c.Client c.OrganizationId deployment request cancel with
            | Error failure ->
                file |> Option.iter (fun f -> f.Dispose(); File.Delete f.Name)
                return fail streams failure
            | Ok created ->
                streams.Out.WriteLine(Output.tokenTable streams.Width target.Now [ created.Token ])
                let secret = created.Secret |> Option.map (fun s -> s.Reveal()) |> Option.defaultValue ""
                match file with
                | Some f ->
                    do! f.WriteAsync(Text.Encoding.UTF8.GetBytes secret, cancel)
                    f.Dispose()
                    streams.Out.WriteLine($"The secret went to {Path.GetFullPath f.Name} (readable by its owner only); it is shown nowhere else.")
                | None ->
                    streams.Out.WriteLine()
                    streams.Out.WriteLine("token: " + secret)
                    error streams "this is the only time the token value is shown; store it in a secret manager now."
                return Exit.ok }
        withTarget streams shared false false (fun target deployment ->
            match (try Ok(path |> Option.map secretFile) with :? IOException | :? UnauthorizedAccessException as e -> Error e.Message) with
            | Error message ->
                error streams ($"--secret-file cannot be created: {message}")
                Task.FromResult Exit.usage
            | Ok file -> createInto target deployment file)

/// `delete TOKEN_ID`: shows the token and asks on a terminal; elsewhere needs --yes; --dry-run deletes nothing.
let delete (shared: Shared) (options: DeleteOptions) (streams: Streams) (cancel: CancellationToken) =
    let id = options.TokenId
    let dryRun = options.DryRun
    let confirmed = options.Yes
    let asking = not confirmed && not dryRun && streams.InIsTerminal && streams.OutIsTerminal
    if not confirmed && not dryRun && not asking then
        error streams "delete needs --yes when not on a terminal (--dry-run shows what would be deleted)."
        Task.FromResult Exit.usage
    else
        withTarget streams shared false false (fun target deployment -> task {
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
