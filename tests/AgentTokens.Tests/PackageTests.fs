/// The packed packages as a user outside the repository meets them: a notebook in the real kernel and a dotnet fsi
/// script, each in a temporary folder, referencing the packages from a local folder.
module AgentTokens.Tests.PackageTests

open System
open System.IO
open Expecto

#if DEBUG
let private configuration = "Debug"
#else
let private configuration = "Release"
#endif

/// A version of its own for each run: a package cached under a version never changes, so reusing one would load a stale copy.
let private version = sprintf "0.0.0-test.%s" (DateTime.UtcNow.ToString "yyyyMMddHHmmss")

/// The library packages of this build, packed once into a temporary folder outside the repository. (The tool's
/// packages are tested in NativeToolTests.)
let private packages =
    lazy
        (let folder = Directory.CreateTempSubdirectory("agent-tokens-packages-").FullName
         for project in [ "AgentTokens"; "AgentTokens.FSharp"; "AgentTokens.Charts"; "AgentTokens.Interactive"; "AgentTokens.Sandbox"; "AgentTokens.Extensions" ] do
             let outcome =
                 Processes.run "dotnet"
                     [ "pack"; Path.Combine("src", project); "-c"; configuration; "--no-build"; "-o"; folder
                       "-p:MinVerVersionOverride=" + version; "-v"; "quiet"; "-nologo" ]
                     ReadmeTests.repoRoot [] (TimeSpan.FromMinutes 5.0)
             if outcome.ExitCode <> 0 then failwithf "dotnet pack %s failed (exit %d):\n%s\n%s" project outcome.ExitCode outcome.Stdout outcome.Stderr
         folder)

let private outside (prefix: string) = Directory.CreateTempSubdirectory(prefix).FullName

let tests =
    testSequenced <| testList "packages outside the repository" [
        test "a notebook on the packages: the extension loads itself, tokens show as a table, a chart draws" {
            let folder = outside "agent-tokens-notebook-"
            let notebook = Path.Combine(folder, "outside.ipynb")
            Jupyter.write notebook [
                sprintf "#i \"nuget: %s\"\n#r \"nuget: AgentTokens.Interactive, %s\"\n#r \"nuget: AgentTokens.Sandbox, %s\"" packages.Value version version
                """open System
open AgentTokens.FSharp
open AgentTokens.Charts
open AgentTokens.Sandbox
let sandbox = Sandbox.StartAsync(SandboxOptions(Tokens = 40, Seed = 3)).GetAwaiter().GetResult()
let connection = Connection.create sandbox.BaseAddress sandbox.ApiToken sandbox.OrganizationId sandbox.DeploymentId
let tokens = Tokens.list connection.Client connection.Query |> Stream.toList |> fun t -> t.GetAwaiter().GetResult()
tokens"""
                "TokenCharts.age ChartData.ByKind sandbox.Now tokens"
                "printfn \"Tokens: %d\" (Analysis.summary sandbox.Now tokens).Total\nsandbox.DisposeAsync().AsTask().GetAwaiter().GetResult()" ]
            let output = Jupyter.executeGreen notebook (Path.Combine(folder, "executed"))
            let shown = Jupyter.shownText output
            Expect.stringContains shown "<caption>Agent tokens</caption>" "the package's extension registered the formatters, with no call"
            Expect.stringContains shown "Plotly.newPlot" "the chart drew"
            Expect.stringContains shown "Tokens: 40" "every token listed"
            File.Copy(output, Path.Combine(Jupyter.executed, "outside-packages.ipynb"), true)
        }

        test "a C# notebook on the packages: await foreach, the C# analysis and charts, the extension's formatters" {
            let folder = outside "agent-tokens-csharp-notebook-"
            let notebook = Path.Combine(folder, "outside-csharp.ipynb")
            Jupyter.writeFor ".net-csharp" notebook [
                sprintf "#i \"nuget: %s\"\n#r \"nuget: AgentTokens.Interactive, %s\"\n#r \"nuget: AgentTokens.Sandbox, %s\"" packages.Value version version
                """using AgentTokens;
using AgentTokens.Analysis;
using AgentTokens.Charts;
using AgentTokens.Sandbox;
var sandbox = await Sandbox.StartAsync(new SandboxOptions { Tokens = 40, Seed = 3 });
var client = new AgentTokensClient(new AgentTokensClientOptions { BaseAddress = sandbox.BaseAddress, ApiToken = sandbox.ApiToken });
var tokens = new List<AgentToken>();
await foreach (var token in client.ListAsync(new AgentTokenListQuery(sandbox.OrganizationId, sandbox.DeploymentId)))
    tokens.Add(token);
tokens"""
                "tokens.AgeChart(sandbox.Now)"
                "Console.WriteLine($\"Tokens: {tokens.Summarize(sandbox.Now).Total}\");\nclient.Dispose();\nawait sandbox.DisposeAsync();" ]
            let output = Jupyter.executeGreen notebook (Path.Combine(folder, "executed"))
            let shown = Jupyter.shownText output
            Expect.stringContains shown "<caption>Agent tokens</caption>" "the package's extension registered the formatters in a C# notebook"
            Expect.stringContains shown "Plotly.newPlot" "the chart drew"
            Expect.stringContains shown "Tokens: 40" "every token listed"
            File.Copy(output, Path.Combine(Jupyter.executed, "outside-packages-csharp.ipynb"), true)
        }

        test "a dotnet fsi script on the packages resolves without a warning and lists, summarises and reports" {
            let folder = outside "agent-tokens-script-"
            let report = Path.Combine(folder, "report.html")
            let script = Path.Combine(folder, "audit.fsx")
            File.WriteAllText(script, String.concat "\n" [
                sprintf "#i \"nuget: %s\"" packages.Value
                sprintf "#r \"nuget: AgentTokens.FSharp, %s\"" version
                sprintf "#r \"nuget: AgentTokens.Charts, %s\"" version
                sprintf "#r \"nuget: AgentTokens.Sandbox, %s\"" version
                "open AgentTokens.FSharp"
                "open AgentTokens.Charts"
                "open AgentTokens.Sandbox"
                "let sandbox = Sandbox.StartAsync(SandboxOptions(Tokens = 30, Seed = 5)).GetAwaiter().GetResult()"
                "let connection = Connection.create sandbox.BaseAddress sandbox.ApiToken sandbox.OrganizationId sandbox.DeploymentId"
                "let tokens = Tokens.list connection.Client connection.Query |> Stream.toList |> fun t -> t.GetAwaiter().GetResult()"
                "printfn \"Tokens: %d, expired: %d\" (Analysis.summary sandbox.Now tokens).Total (Analysis.summary sandbox.Now tokens).Expired"
                sprintf "Report.save @\"%s\" tokens sandbox.Now" report
                "sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult()" ])
            let outcome = Processes.run "dotnet" [ "fsi"; script ] folder [] (TimeSpan.FromMinutes 5.0)
            let all = outcome.Stdout + outcome.Stderr
            Expect.equal outcome.ExitCode 0 (sprintf "exit code\n%s" all)
            Expect.stringContains outcome.Stdout "Tokens: 30" "listed every token"
            // Plotly.NET 6.0.0, the only version served, asks for FSharp.Core >= 10.1.403, newer than the 10.1.401 that
            // dotnet fsi of SDK 10.0.401 carries: NuGet reports that downgrade for any script that uses Plotly.NET, and fsi
            // refuses a script's own FSharp.Core reference. Every other warning, and any that our packages cause, fails.
            let plotlysOwn (line: string) =
                line.Contains "NU1605"
                && (line.Contains "Detected package downgrade: FSharp.Core from 10.1.403"
                    || line.Contains "Plotly.NET 6.0.0 -> FSharp.Core (>= 10.1.403)"
                    || Text.RegularExpressions.Regex.IsMatch(line, @"NU1605:\s+Project -> FSharp\.Core \(>= [0-9.]+\)\s*$"))
            let warnings = all.Split('\n') |> Array.filter (fun l -> l.Contains("warning", StringComparison.OrdinalIgnoreCase))
            Expect.isEmpty (warnings |> Array.filter (plotlysOwn >> not)) (sprintf "no warning but Plotly.NET's own FSharp.Core floor\n%s" all)
            Expect.isTrue (File.Exists report) "the report was written"
        }
    ]
