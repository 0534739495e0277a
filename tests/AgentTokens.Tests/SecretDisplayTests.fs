/// No secret on display: every type that holds a bearer token or a token's secret, shown in the real kernel (every
/// MIME type it produces), echoed by dotnet fsi, serialized, or looked at in a debugger.
module AgentTokens.Tests.SecretDisplayTests

open System
open System.Diagnostics
open System.IO
open System.Reflection
open System.Text.Json
open Expecto
open AgentTokens
open AgentTokens.FSharp

let private canary = "CANARY-bearer-7f3e19d2c4"
let private refs = Path.Combine(ReadmeTests.repoRoot, "artifacts", "notebook-refs")

/// F# that makes one of everything that holds a secret, against a sandbox whose bearer token is the canary, and
/// writes the generated secrets to `secrets` so that the test can look for them. The canary is read from a file
/// by a function, so that neither the code nor an echo of a binding carries it: only a leak can show it.
let private setup (folder: string) =
    File.WriteAllText(Path.Combine(folder, "canary.txt"), canary)
    String.concat "\n" [
        "open System"
        "open AgentTokens"
        "open AgentTokens.FSharp"
        "open AgentTokens.Sandbox"
        sprintf "let canary () = IO.File.ReadAllText @\"%s\"" (Path.Combine(folder, "canary.txt"))
        "let sandboxOptions = SandboxOptions(ApiToken = canary (), Tokens = 3, Seed = 11)"
        "let sandbox = Sandbox.StartAsync(sandboxOptions).GetAwaiter().GetResult()"
        "let options = AgentTokensClientOptions(BaseAddress = sandbox.BaseAddress, ApiToken = canary ())"
        "let client = new AgentTokensClient(options)"
        "let connection = Connection.create sandbox.BaseAddress (canary ()) sandbox.OrganizationId sandbox.DeploymentId"
        "let settings = Connection.settingsWith (fun name -> if name = \"ASTRO_API_TOKEN\" then Some(canary ()) else None)"
        "let created = Tokens.create client sandbox.OrganizationId sandbox.DeploymentId (Tokens.newToken \"canary-created\") Threading.CancellationToken.None |> fun t -> t.GetAwaiter().GetResult() |> Result.defaultWith (fun f -> failwith (ApiFailure.describe f))"
        "let core = client.CreateAsync(sandbox.OrganizationId, sandbox.DeploymentId, \"canary-core\").GetAwaiter().GetResult()"
        sprintf "IO.File.WriteAllLines(@\"%s\", [ created.Secret.Value.Reveal(); core.Token ])" (Path.Combine(folder, "secrets.txt")) ]

/// The values to display, each on its own, then in containers.
let private shownValues =
    [ "options"; "client"; "connection"; "sandbox"; "sandboxOptions"; "created"; "created.Secret.Value"; "core"; "settings"
      "[ box options; box client; box sandbox; box connection ]"; "(connection, created, core, sandboxOptions)"
      "{| Client = client; Sandbox = sandbox; Created = created |}"; "Some client" ]

let private secretsIn (path: string) = File.ReadAllLines path |> Array.filter (fun l -> l <> "")

let private expectNone (where: string) (shown: string) (secrets: string array) =
    Expect.isFalse (shown.Contains canary) (sprintf "%s: the canary bearer token appears" where)
    for s in secrets do
        Expect.isFalse (shown.Contains s) (sprintf "%s: a created token's secret appears" where)

let private hasNever (m: MemberInfo) =
    match m.GetCustomAttribute<DebuggerBrowsableAttribute>() with
    | null -> false
    | a -> a.State = DebuggerBrowsableState.Never

let tests =
    testSequenced <| testList "no secret on display" [
        test "the real kernel: every secret-holding value, alone and in containers, in every MIME type, never shows one" {
            let folder = Directory.CreateTempSubdirectory("agent-tokens-canary-").FullName
            let secrets = Path.Combine(folder, "secrets.txt")
            let notebook = Path.Combine(folder, "canary.ipynb")
            Jupyter.write notebook [
                sprintf "#load @\"%s\"" (Path.Combine(refs, "notebook.fsx"))
                setup folder
                yield! shownValues
                String.concat "\n" [
                    for v in shownValues do
                        yield sprintf "printfn \"%%s\" (Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(box (%s), \"text/plain\"))" v
                        yield sprintf "printfn \"%%s\" (Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(box (%s), \"text/html\"))" v
                        yield sprintf "printfn \"%%A | %%O\" (%s) (%s)" v v ]
                // The kernel serves HTTP for its helpers: on loopback only, never on another interface.
                """let exposed =
    System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners()
    |> Array.filter (fun e -> e.Port >= 2048 && e.Port <= 3000 && not (System.Net.IPAddress.IsLoopback e.Address))
printfn "kernel HTTP listeners off loopback: %d" exposed.Length"""
                "sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult()" ]
            let output = Jupyter.executeGreen notebook (Path.Combine(folder, "executed"))
            let shown = Jupyter.shownText output
            let secrets = secretsIn secrets
            Expect.equal secrets.Length 2 "both created secrets were captured"
            Expect.stringContains shown "***" "secrets show redacted"
            Expect.stringContains shown "kernel HTTP listeners off loopback: 0" "the kernel listens on loopback only"
            expectNone "the executed notebook" (File.ReadAllText output) secrets
            File.Copy(output, Path.Combine(Jupyter.executed, "canary.ipynb"), true)
        }

        test "dotnet fsi's echo of each value never shows a secret" {
            let folder = Directory.CreateTempSubdirectory("agent-tokens-fsi-canary-").FullName
            let secrets = Path.Combine(folder, "secrets.txt")
            let input =
                String.concat "\n" [
                    yield sprintf "#load @\"%s\";;" (Path.Combine(refs, "refs.fsx"))
                    yield setup folder + ";;"
                    for v in shownValues -> v + ";;"
                    yield "sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult();;"
                    yield "#quit;;" ]
            let info = ProcessStartInfo("dotnet", WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true)
            info.ArgumentList.Add "fsi"
            info.ArgumentList.Add "--nologo"
            use p = Process.Start info
            let stdout = p.StandardOutput.ReadToEndAsync()
            let stderr = p.StandardError.ReadToEndAsync()
            p.StandardInput.Write input
            p.StandardInput.Close()
            if not (p.WaitForExit 180_000) then
                p.Kill true
                failtest "dotnet fsi did not finish within 3 minutes"
            let echoed = stdout.Result + stderr.Result
            Expect.stringContains echoed "val connection" (sprintf "fsi echoed the values\n%s" echoed)
            Expect.isFalse (echoed.Contains "error FS") (sprintf "no compilation error\n%s" echoed)
            expectNone "dotnet fsi's echo" echoed (secretsIn secrets)
        }

        test "debuggers are never shown a secret member" {
            let members: (string * MemberInfo) list =
                [ "AgentTokensClientOptions.ApiToken", typeof<AgentTokensClientOptions>.GetProperty "ApiToken"
                  "AgentToken.Token", typeof<AgentToken>.GetProperty "Token"
                  "AgentToken.SecretOnTheWire", typeof<AgentToken>.GetProperty("SecretOnTheWire", BindingFlags.NonPublic ||| BindingFlags.Instance)
                  "AgentTokensClient._authorization", typeof<AgentTokensClient>.GetField("_authorization", BindingFlags.NonPublic ||| BindingFlags.Instance)
                  "Sandbox.ApiToken", typeof<AgentTokens.Sandbox.Sandbox>.GetProperty "ApiToken"
                  "SandboxOptions.ApiToken", typeof<AgentTokens.Sandbox.SandboxOptions>.GetProperty "ApiToken" ]
            for name, m in members do
                Expect.isNotNull (box m) (sprintf "%s exists" name)
                Expect.isTrue (hasNever m) (sprintf "%s is DebuggerBrowsable(Never)" name)
            let secretFields = typeof<Secret>.GetFields(BindingFlags.NonPublic ||| BindingFlags.Instance)
            Expect.isNonEmpty secretFields "Secret keeps its value in a field"
            Expect.all secretFields hasNever "Secret's value field is DebuggerBrowsable(Never)"
            for t in [ typeof<Secret>; typeof<AgentTokensClient>; typeof<AgentTokens.Sandbox.Sandbox> ] do
                Expect.isNotNull (t.GetCustomAttribute<DebuggerDisplayAttribute>()) (sprintf "%s has a DebuggerDisplay that hides the secret" t.Name)
        }

        test "serializers never write a secret, and the API's answer is still read" {
            let options = AgentTokensClientOptions(ApiToken = canary)
            Expect.isFalse ((JsonSerializer.Serialize options).Contains canary) "the options never serialize the bearer token"
            let created = AgentTokens.Tests.Fixtures.readPage AgentTokens.Tests.Fixtures.seedExample |> fun p -> Seq.exactlyOne p.Tokens
            Expect.equal created.Token "token" "the seed's token field is read"
            let written = JsonSerializer.Serialize(created, AgentTokensJsonContext.Default.AgentToken)
            Expect.isFalse (written.Contains "\"token\"") "a token's secret is never written back"
            let fsharp = Convert.created created
            let json = JsonSerializer.Serialize(fsharp, Snapshot.jsonOptions)
            Expect.stringContains json "\"***\"" "the F# secret serializes as ***"
            Expect.isFalse (json.Contains ": \"token\"") "never its value"
            let settings = Connection.settingsWith (fun name -> if name = "ASTRO_API_TOKEN" then Some canary else None)
            Expect.equal (settings.ApiToken |> Option.map (fun s -> s.Reveal())) (Some canary) "the settings keep the bearer token"
            for shown, how in
                [ string settings, "string"; sprintf "%A" settings, "%A"; JsonSerializer.Serialize settings, "System.Text.Json"
                  JsonSerializer.Serialize(settings, Snapshot.jsonOptions), "FSharp.SystemTextJson" ] do
                Expect.isFalse (shown.Contains canary) (sprintf "Settings through %s never shows the bearer token" how)
        }
    ]
