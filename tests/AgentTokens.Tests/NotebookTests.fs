/// The notebooks and the script, run headlessly as a user would: every cell must succeed.
module AgentTokens.Tests.NotebookTests

open System
open System.IO
open System.Text.Json
open System.Text.RegularExpressions
open Expecto

let private notebooks = Path.Combine(ReadmeTests.repoRoot, "notebooks")
let private executed = Path.Combine(ReadmeTests.repoRoot, "artifacts", "notebooks")

/// The failing cells of an executed notebook: index, first line of code, error.
let private errorsIn (path: string) =
    if not (File.Exists path) then [ "no executed notebook was written" ]
    else
        use doc = JsonDocument.Parse(File.ReadAllText path)
        [ for i, cell in Seq.indexed (doc.RootElement.GetProperty("cells").EnumerateArray()) do
            match cell.TryGetProperty "outputs" with
            | true, outputs ->
                for o in outputs.EnumerateArray() do
                    if o.GetProperty("output_type").GetString() = "error" then
                        let source = String.Join("", [ for l in cell.GetProperty("source").EnumerateArray() -> l.GetString() ])
                        let line = source.Split('\n') |> Array.tryFind (fun l -> l.Trim() <> "" && not (l.StartsWith "#!")) |> Option.defaultValue ""
                        let value = match o.TryGetProperty "evalue" with | true, v -> v.GetString() | _ -> ""
                        yield sprintf "cell %d (%s): %s" i line value
            | _ -> () ]

/// The failing cells as dotnet-repl's TRX report names them (it sees errors that leave no output).
let private trxFailures (name: string) =
    let trx = Path.Combine(executed, Path.ChangeExtension(name, ".trx"))
    Processes.run "dotnet" [ "repl"; "--run"; name; "--output-path"; trx; "--output-format"; "trx"; "--exit-after-run" ] notebooks [] (TimeSpan.FromMinutes 5.0) |> ignore
    if not (File.Exists trx) then [ "no TRX report was written" ]
    else
        let text = File.ReadAllText trx
        [ for m in Regex.Matches(text, "<UnitTestResult[^>]*testName=\"([^\"]*)\"[^>]*outcome=\"Failed\"[\\s\\S]*?<Message>([\\s\\S]*?)</Message>") ->
            sprintf "%s: %s" (m.Groups.[1].Value.Split('\n').[0]) (m.Groups.[2].Value.Split('\n').[0]) ]

let private runNotebook (name: string) =
    testCase (sprintf "%s runs headlessly, every cell green" name) <| fun () ->
        Directory.CreateDirectory executed |> ignore
        let output = Path.Combine(executed, name)
        let outcome = Processes.run "dotnet" [ "repl"; "--run"; name; "--output-path"; output; "--exit-after-run" ] notebooks [] (TimeSpan.FromMinutes 5.0)
        let errors = errorsIn output
        if outcome.ExitCode <> 0 || not errors.IsEmpty then
            let reasons = if errors.IsEmpty then trxFailures name else errors
            failtestf "%s failed (exit %d):\n%s\n%s" name outcome.ExitCode (String.concat "\n" reasons) outcome.Stderr

let tests =
    testSequenced <| testList "notebooks" [
        runNotebook "api-tour.ipynb"
        runNotebook "token-health.ipynb"

        test "token-health.fsx runs in dotnet fsi and writes the report" {
            let output = Path.Combine(executed, "token-health-fsx.html")
            if File.Exists output then File.Delete output
            let outcome = Processes.run "dotnet" [ "fsi"; "token-health.fsx"; output ] notebooks [] (TimeSpan.FromMinutes 5.0)
            Expect.equal outcome.ExitCode 0 (sprintf "exit code\n%s\n%s" outcome.Stdout outcome.Stderr)
            Expect.stringContains outcome.Stdout "Expired:" "prints the summary"
            Expect.isTrue (File.Exists output) "writes the report"
        }

        test "the executed notebooks show tokens as tables and charts inline, and hold no secret" {
            let health = File.ReadAllText(Path.Combine(executed, "token-health.ipynb"))
            Expect.stringContains health "<caption>Agent tokens</caption>" "token tables from the formatter"
            Expect.stringContains health "Plotly.newPlot" "charts"
            Expect.isFalse (health.Contains "<script src=\\\"https://cdn.plot.ly") "no CDN"
            for name in [ "api-tour.ipynb"; "token-health.ipynb" ] do
                let text = File.ReadAllText(Path.Combine(executed, name))
                Expect.isFalse (Regex.IsMatch(text, "astro_[0-9a-f]{40}")) (sprintf "%s shows no secret token value" name)
        }
    ]
