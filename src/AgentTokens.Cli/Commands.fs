/// list, get, create and delete: each returns its exit code; expected failures become one line on stderr.
module AgentTokens.Cli.Commands

open System
open System.IO
open System.Linq
open System.Threading.Tasks
open Argu
open AgentTokens
open AgentTokens.FSharp
open AgentTokens.Cli.Arguments

/// The exit codes, as documented.
[<RequireQualifiedAccess>]
module Exit =
    let ok = 0
    let apiError = 1
    let usage = 2
    let network = 3
    let incomplete = 4

/// Console streams and whether they are terminals.
type Streams =
    { Out: TextWriter
      Err: TextWriter
      OutIsTerminal: bool
      ErrIsTerminal: bool }

/// The first line of a message: expected failures are reported in one line.
let private oneLine (message: string) = message.Split('\n').[0].Trim()

/// Runs a command against its target, turning the failures a user expects into a line on stderr and an exit code.
let private guarded (console: Streams) (flags: ApiFlags) (configure: AgentTokensClientOptions -> AgentTokensClientOptions) (run: Target.Target -> Task<int>) =
    task {
        match! Target.resolve flags configure with
        | Error message ->
            console.Err.WriteLine("agent-tokens: " + oneLine message)
            return Exit.usage
        | Ok target ->
            use _ = target
            try
                return! run target
            with
            | :? AstroApiException as e when e.IsNetworkError ->
                console.Err.WriteLine("agent-tokens: " + e.Message)
                return Exit.network
            | :? AstroApiException as e ->
                console.Err.WriteLine("agent-tokens: " + e.Message)
                return Exit.apiError
            | :? IncompleteListingException as e ->
                console.Err.WriteLine("agent-tokens: " + e.Message)
                return Exit.incomplete
            | :? ArgumentException as e ->
                console.Err.WriteLine("agent-tokens: " + oneLine e.Message)
                return Exit.usage
    }

let private flagsOf organization deployment baseUrl apiVersion sandbox =
    { Organization = organization; Deployment = deployment; BaseUrl = baseUrl; ApiVersion = apiVersion; Sandbox = sandbox }

let private defaultFormat (console: Streams) = if console.OutIsTerminal then Table else Json

/// `list`: every token (or --max-items), sorted as asked, in the chosen format.
let list (args: ParseResults<ListArgs>) (console: Streams) =
    match Sort.parseAll (args.GetResults ListArgs.Sort) with
    | Error message ->
        console.Err.WriteLine("agent-tokens: " + message)
        Task.FromResult Exit.usage
    | Ok sorts ->
        let flags =
            flagsOf (args.TryGetResult ListArgs.Organization) (args.TryGetResult ListArgs.Deployment) (args.TryGetResult ListArgs.Base_Url)
                    (args.TryGetResult ListArgs.Api_Version) (args.Contains ListArgs.Sandbox)
        let lenient = args.Contains ListArgs.Lenient
        let verify = args.Contains ListArgs.Verify_Boundaries
        let configure (o: AgentTokensClientOptions) =
            AgentTokensClientOptions(
                BaseAddress = o.BaseAddress, ApiToken = o.ApiToken, ApiVersion = o.ApiVersion,
                Completeness = (if lenient then Completeness.Lenient else Completeness.Strict), VerifyPageBoundaries = verify)
        guarded console flags configure (fun target -> task {
            let c = target.Connection
            let query =
                { Query.forDeployment c.OrganizationId c.DeploymentId with
                    Sorts = sorts; PageSize = args.TryGetResult ListArgs.Page_Size; Take = args.TryGetResult ListArgs.Max_Items }
            let diagnostics = ListingDiagnostics()
            let tokens = ResizeArray<AgentToken>()
            let pages = c.Client.ListPagesAsync(Query.toCore query, diagnostics)
            use enumerator = pages.GetAsyncEnumerator()
            let mutable more = true
            while more do
                let! next = enumerator.MoveNextAsync()
                more <- next
                if more then
                    tokens.AddRange enumerator.Current.Tokens
                    if console.ErrIsTerminal then
                        console.Err.Write(sprintf "\rListed %d of %d tokens..." tokens.Count enumerator.Current.TotalCount)
            if console.ErrIsTerminal then console.Err.Write("\r" + String(' ', 40) + "\r")
            if not diagnostics.IsComplete then
                console.Err.WriteLine("agent-tokens: warning: the listing may be incomplete: " + String.Join("; ", diagnostics.Events))
            let fsharp = tokens |> Seq.map Convert.token |> List.ofSeq
            match args.GetResult(ListArgs.Format, defaultFormat console) with
            | Table -> console.Out.WriteLine(Output.table target.Now fsharp)
            | Json -> console.Out.WriteLine(Output.json tokens)
            | Csv -> console.Out.WriteLine(Output.csv fsharp)
            return Exit.ok })

/// `get TOKEN_ID`.
let get (args: ParseResults<GetArgs>) (console: Streams) =
    let flags =
        flagsOf (args.TryGetResult GetArgs.Organization) (args.TryGetResult GetArgs.Deployment) (args.TryGetResult GetArgs.Base_Url)
                (args.TryGetResult GetArgs.Api_Version) (args.Contains GetArgs.Sandbox)
    guarded console flags id (fun target -> task {
        let c = target.Connection
        let! token = c.Client.GetAsync(c.OrganizationId, c.DeploymentId, args.GetResult GetArgs.Token_Id)
        let fsharp = [ Convert.token token ]
        match args.GetResult(GetArgs.Format, defaultFormat console) with
        | Table -> console.Out.WriteLine(Output.table target.Now fsharp)
        | Json -> console.Out.WriteLine(Output.json [ token ])
        | Csv -> console.Out.WriteLine(Output.csv fsharp)
        return Exit.ok })

/// `create --name NAME`: prints the token and, once, its secret value.
let create (args: ParseResults<CreateArgs>) (console: Streams) =
    let flags =
        flagsOf (args.TryGetResult CreateArgs.Organization) (args.TryGetResult CreateArgs.Deployment) (args.TryGetResult CreateArgs.Base_Url)
                (args.TryGetResult CreateArgs.Api_Version) (args.Contains CreateArgs.Sandbox)
    guarded console flags id (fun target -> task {
        let c = target.Connection
        let! token =
            c.Client.CreateAsync(c.OrganizationId, c.DeploymentId, args.GetResult CreateArgs.Name,
                                 Option.toObj (args.TryGetResult CreateArgs.Description), Option.toNullable (args.TryGetResult CreateArgs.Expiry_Days))
        console.Out.WriteLine(Output.table target.Now [ Convert.token token ])
        console.Out.WriteLine()
        console.Out.WriteLine("token: " + token.Token)
        console.Err.WriteLine("agent-tokens: this is the only time the token value is shown; store it in a secret manager now.")
        return Exit.ok })

/// `delete TOKEN_ID`.
let delete (args: ParseResults<DeleteArgs>) (console: Streams) =
    let flags =
        flagsOf (args.TryGetResult DeleteArgs.Organization) (args.TryGetResult DeleteArgs.Deployment) (args.TryGetResult DeleteArgs.Base_Url)
                (args.TryGetResult DeleteArgs.Api_Version) (args.Contains DeleteArgs.Sandbox)
    guarded console flags id (fun target -> task {
        let c = target.Connection
        let id = args.GetResult DeleteArgs.Token_Id
        do! c.Client.DeleteAsync(c.OrganizationId, c.DeploymentId, id)
        console.Out.WriteLine(sprintf "Deleted agent token %s." id)
        return Exit.ok })
