/// The repository's notebooks in Jupyter with the .NET Interactive kernel, and its script in dotnet fsi, as users run
/// them: every cell must succeed, and what they show must teach what the API does.
module AgentTokens.Tests.NotebookTests

open System
open System.IO
open System.Text.Json
open System.Text.RegularExpressions
open Expecto

let private notebooks = Path.Combine(ReadmeTests.repoRoot, "notebooks")

/// Runs a notebook of the repository and hands its executed copy to `check` once every cell is green.
let private runNotebook (name: string) (check: string -> string -> unit) =
    testCase (sprintf "%s runs in Jupyter with the .NET Interactive kernel, every cell green" name) <| fun () ->
        let output = Jupyter.executeGreen (Path.Combine(notebooks, name)) Jupyter.executed
        check output (Jupyter.shownText output)

/// A generated secret of the sandbox (Create's answer): none may ever be shown.
let private noSecretValue (name: string) (shown: string) =
    Expect.isFalse (Regex.IsMatch(shown, "astro_[0-9a-f]{40}")) (sprintf "%s shows no secret token value" name)

let tests =
    testSequenced <| testList "notebooks" [
        runNotebook "api-tour.ipynb" (fun _ shown ->
            for status in [ "HTTP 400"; "HTTP 401"; "HTTP 403"; "HTTP 429" ] do
                Expect.stringContains shown status (sprintf "the tour shows a real %s" status)
            Expect.isTrue (Regex.IsMatch(shown, @"-> 429\s+GET [^\n]+ -> 200")) "the retried 429 shows as a 429 then a 200 in the request log"
            Expect.stringContains shown "47 tokens in 5 requests" "the pager's walk over several pages, with the cell's own requests"
            Expect.stringContains shown "/platform/v1beta1/organizations" "the seed's base path"
            Expect.isTrue (Regex.IsMatch(shown, @"/v1:\s+id, name, description, kind, scope")) "scope under /v1"
            Expect.stringContains shown "get after delete: HTTP 404" "the lifecycle ends in a 404"
            noSecretValue "api-tour" shown)

        runNotebook "token-health.ipynb" (fun output shown ->
            Expect.stringContains shown "<caption>Agent tokens</caption>" "token tables from the formatter"
            Expect.stringContains shown "Plotly.newPlot" "charts"
            Expect.isFalse (File.ReadAllText(output).Contains "<script src=\\\"https://cdn.plot.ly") "no CDN"
            noSecretValue "token-health" shown)

        test "the committed notebooks are their only source: nbformat 4.5, an id on every cell, no outputs" {
            Expect.isFalse (File.Exists(Path.Combine(notebooks, "make_notebooks.py"))) "no generator beside them"
            for path in Directory.GetFiles(notebooks, "*.ipynb") do
                use doc = JsonDocument.Parse(File.ReadAllText path)
                let root = doc.RootElement
                Expect.equal (root.GetProperty("nbformat").GetInt32(), root.GetProperty("nbformat_minor").GetInt32()) (4, 5) (sprintf "%s: nbformat 4.5" path)
                let cells = [ for c in root.GetProperty("cells").EnumerateArray() -> c ]
                let ids = [ for c in cells -> match c.TryGetProperty "id" with | true, id -> id.GetString() | _ -> "" ]
                Expect.all ids (fun id -> id <> "") (sprintf "%s: every cell has an id" path)
                Expect.equal (List.distinct ids).Length ids.Length (sprintf "%s: ids are unique" path)
                for c in cells do
                    if c.GetProperty("cell_type").GetString() = "code" then
                        Expect.equal (c.GetProperty("outputs").GetArrayLength()) 0 (sprintf "%s: committed without outputs" path)
        }

        test "token-health.fsx runs in dotnet fsi and writes the report" {
            let output = Path.Combine(Jupyter.executed, "token-health-fsx.html")
            if File.Exists output then File.Delete output
            let outcome = Processes.run "dotnet" [ "fsi"; "token-health.fsx"; output ] notebooks [] (TimeSpan.FromMinutes 5.0)
            Expect.equal outcome.ExitCode 0 (sprintf "exit code\n%s\n%s" outcome.Stdout outcome.Stderr)
            Expect.stringContains outcome.Stdout "Expired:" "prints the summary"
            Expect.isTrue (File.Exists output) "writes the report"
        }

        test "a partial configuration is an error that names what is missing, never a silent sandbox" {
            let outcome =
                Processes.run "dotnet" [ "fsi"; "token-health.fsx"; Path.Combine(Path.GetTempPath(), "never-written.html") ] notebooks
                    [ "ASTRO_API_TOKEN", "a-token" ] (TimeSpan.FromMinutes 5.0)
            Expect.notEqual outcome.ExitCode 0 "fails"
            Expect.stringContains outcome.Stderr "ASTRO_API_TOKEN is set but ASTRO_ORGANIZATION_ID is not" "names the missing variable"
            Expect.isFalse (outcome.Stdout.Contains "sandbox") "does not fall back to the sandbox"
            Expect.isFalse ((outcome.Stdout + outcome.Stderr).Contains "a-token") "never echoes the bearer token"
        }
    ]
