/// Notebooks as users run them: Jupyter's nbconvert with the .NET Interactive kernel of the local tool, through the
/// kernelspec that ./build.sh writes under artifacts/jupyter (nothing of Jupyter's is read or written elsewhere).
module AgentTokens.Tests.Jupyter

open System
open System.IO
open System.Text.Json
open System.Text.Json.Nodes

let private folder = Path.Combine(ReadmeTests.repoRoot, "artifacts", "jupyter")

/// Where executed notebooks are kept.
let executed = Path.Combine(ReadmeTests.repoRoot, "artifacts", "notebooks")

/// The environment that points Jupyter at the repository's kernelspec and keeps its files in the repository.
let environment =
    [ "JUPYTER_PATH", folder
      "JUPYTER_DATA_DIR", folder
      "JUPYTER_CONFIG_DIR", Path.Combine(folder, "config")
      "JUPYTER_RUNTIME_DIR", Path.Combine(folder, "runtime")
      "JUPYTER_PLATFORM_DIRS", "1"
      "DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT", "1" ]

/// The text of a notebook cell's `source` (a string or a list of lines).
let private text (node: JsonNode) =
    match node with
    | :? JsonArray as lines -> String.Join("", [ for l in lines -> l.GetValue<string>() ])
    | null -> ""
    | value -> value.GetValue<string>()

/// Every output of an executed notebook, as (cell index, output) pairs.
let outputs (path: string) =
    let doc = JsonNode.Parse(File.ReadAllText path)
    [ for i, cell in Seq.indexed (doc["cells"].AsArray()) do
        match cell["outputs"] with
        | :? JsonArray as outs -> for o in outs -> i, o
        | _ -> () ]

/// All the text an executed notebook shows: every output's text and data, in every MIME type.
let shownText (path: string) =
    outputs path
    |> List.map (fun (_, o) ->
        match o["output_type"].GetValue<string>() with
        | "stream" -> text o["text"]
        | "error" -> o["evalue"].GetValue<string>() + String.Join("\n", [ for l in o["traceback"].AsArray() -> l.GetValue<string>() ])
        | _ -> String.Join("\n", [ for kv in o["data"].AsObject() -> text kv.Value ]))
    |> String.concat "\n"

/// The failing cells of an executed notebook: index, first line of code, the error and what the cell wrote to stderr.
let failures (path: string) =
    if not (File.Exists path) then [ "no executed notebook was written" ]
    else
        let doc = JsonNode.Parse(File.ReadAllText path)
        let cells = doc["cells"].AsArray()
        [ for i, o in outputs path do
            if o["output_type"].GetValue<string>() = "error" then
                let source = text (cells[i]["source"])
                let line = source.Split('\n') |> Array.tryFind (fun l -> l.Trim() <> "" && not (l.StartsWith "#!")) |> Option.defaultValue ""
                let stderr =
                    [ for j, s in outputs path do
                        if j = i && s["output_type"].GetValue<string>() = "stream" && s["name"].GetValue<string>() = "stderr" then text s["text"] ]
                    |> String.concat " " |> fun s -> s.Replace('\n', ' ').Trim()
                yield sprintf "cell %d (%s): %s %s" i line (o["evalue"].GetValue<string>()) stderr ]

/// Writes a notebook of code cells (with ids, as nbformat 4.5 asks) for a kernel: `.net-fsharp` or `.net-csharp`.
let writeFor (kernel: string) (path: string) (cells: string list) =
    let language = if kernel = ".net-csharp" then "C#" else "F#"
    let notebook =
        {| cells =
            [ for i, source in List.indexed cells ->
                {| cell_type = "code"; execution_count = (null: obj); id = sprintf "cell-%d" i
                   metadata = Map.empty<string, string>; outputs = Array.empty<obj>; source = source |} ]
           metadata =
            {| kernelspec = {| display_name = $".NET ({language})"; language = language; name = kernel |}
               language_info = {| name = language |} |}
           nbformat = 4
           nbformat_minor = 5 |}
    File.WriteAllText(path, JsonSerializer.Serialize(notebook, JsonSerializerOptions(WriteIndented = true)))

/// Writes a notebook of F# code cells for the .NET (F#) kernel.
let write (path: string) (cells: string list) = writeFor ".net-fsharp" path cells

/// The kernelspec a notebook asks for (its metadata's kernelspec name).
let kernelOf (notebook: string) =
    let doc = JsonNode.Parse(File.ReadAllText notebook)
    let spec = doc["metadata"]["kernelspec"]
    spec["name"].GetValue<string>()

/// Executes a notebook in its own folder (so that relative #load paths resolve as in a user's Jupyter), with the
/// kernel its metadata names and `extra` variables added to the environment, and returns the executed copy's path,
/// which is written to `outputFolder`.
let executeWith (extra: (string * string) list) (notebook: string) (outputFolder: string) =
    let kernel = kernelOf notebook
    let kernelspec = Path.Combine(folder, "kernels", kernel, "kernel.json")
    if not (File.Exists kernelspec) then
        failwithf "No kernelspec at %s: run ./build.sh test, which installs Jupyter's nbconvert and writes it." kernelspec
    Directory.CreateDirectory outputFolder |> ignore
    let output = Path.Combine(outputFolder, Path.GetFileName notebook)
    if File.Exists output then File.Delete output
    let outcome =
        Processes.run "jupyter-nbconvert"
            [ "--to"; "notebook"; "--execute"; "--allow-errors"; "--ExecutePreprocessor.timeout=600"; "--output-dir"; outputFolder; Path.GetFileName notebook ]
            (Path.GetDirectoryName(Path.GetFullPath notebook)) (environment @ extra) (TimeSpan.FromMinutes 10.0)
    if not (File.Exists output) then
        failwithf "nbconvert wrote no executed notebook for %s (exit %d):\n%s" notebook outcome.ExitCode outcome.Stderr
    output

/// `executeWith` and no extra variables.
let execute (notebook: string) (outputFolder: string) = executeWith [] notebook outputFolder

/// Fails, naming each failing cell, unless every cell of an executed notebook is green; returns its path.
let green (output: string) =
    match failures output with
    | [] -> output
    | failed -> failwithf "%s: %d failing cell(s):\n%s" (Path.GetFileName output) failed.Length (String.concat "\n" failed)

/// Executes a notebook as `execute` does and fails, naming each failing cell, unless every cell is green.
let executeGreen (notebook: string) (outputFolder: string) = green (execute notebook outputFolder)

/// A code cell of an executed notebook: its source, tags, outputs' text, and when the kernel was busy with it.
type Cell = { Index: int; Source: string; Tags: string list; Shown: string; Busy: DateTimeOffset option; Idle: DateTimeOffset option }

/// The code cells of an executed notebook, with what each showed (HTML decoded) and its execution window.
let codeCells (path: string) =
    let doc = JsonNode.Parse(File.ReadAllText path)
    let time (cell: JsonNode) (key: string) =
        match cell["metadata"]["execution"] with
        | null -> None
        | execution ->
            match execution[key] with
            | null -> None
            | value -> Some(DateTimeOffset.Parse(value.GetValue<string>(), Globalization.CultureInfo.InvariantCulture))
    let all = outputs path
    [ for i, cell in Seq.indexed (doc["cells"].AsArray()) do
        if cell["cell_type"].GetValue<string>() = "code" then
            let shown =
                all
                |> List.filter (fun (j, _) -> j = i)
                |> List.map (fun (_, o) ->
                    match o["output_type"].GetValue<string>() with
                    | "stream" -> text o["text"]
                    | "error" -> o["evalue"].GetValue<string>()
                    | _ -> String.Join("\n", [ for kv in o["data"].AsObject() -> text kv.Value ]))
                |> String.concat "\n"
            let tags =
                match cell["metadata"]["tags"] with
                | :? JsonArray as tags -> [ for t in tags -> t.GetValue<string>() ]
                | _ -> []
            yield
                { Index = i; Source = text cell["source"]; Tags = tags; Shown = Net.WebUtility.HtmlDecode shown
                  Busy = time cell "iopub.status.busy"; Idle = time cell "iopub.status.idle" } ]
