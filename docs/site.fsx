// Builds the documentation site into artifacts/docs with DocFX (./build.sh docs runs it; the tests run it too):
//   dotnet fsi docs/site.fsx CONFIGURATION EXECUTED_NOTEBOOKS_FOLDER
// One source for every page: the guides are the README's sections, the tours are the executed notebooks (with their
// outputs, run in the real kernel), the API reference comes from the XML docs of the built assemblies (the C#
// comments, and the F# .fsi comments). Nothing is fetched from the network when the site is read: plotly.js is
// shipped beside the tours, and the statictoc template embeds its navigation in every page.
open System
open System.Diagnostics
open System.IO
open System.Reflection
open System.Text
open System.Text.Json.Nodes
open System.Text.RegularExpressions

let root = Path.GetFullPath(Path.Combine(__SOURCE_DIRECTORY__, ".."))
let configuration, executed =
    match fsi.CommandLineArgs |> Array.tail with
    | [| configuration; executed |] -> configuration, Path.GetFullPath executed
    | _ -> failwith "usage: dotnet fsi docs/site.fsx CONFIGURATION EXECUTED_NOTEBOOKS_FOLDER"
let source = Path.Combine(root, "artifacts", "docs-src")
let site = Path.Combine(root, "artifacts", "docs")

let write (relative: string) (text: string) =
    let path = Path.Combine(source, relative)
    Directory.CreateDirectory(Path.GetDirectoryName path) |> ignore
    File.WriteAllText(path, text.Replace("\r\n", "\n"))

let run (arguments: string list) =
    let info = ProcessStartInfo("dotnet", WorkingDirectory = root, UseShellExecute = false)
    for a in arguments do info.ArgumentList.Add a
    use p = Process.Start info
    p.WaitForExit()
    if p.ExitCode <> 0 then failwithf "dotnet %s failed (exit %d)" (String.Join(" ", arguments)) p.ExitCode

// ---- DocFX's configuration: the reference of every library, then the pages.
let bin project = $"../../src/{project}/bin/{configuration}/net10.0"
let docfx =
    $$"""{
  "metadata": [
    { "src": [ { "src": "{{bin "AgentTokens.Interactive"}}", "files": [ "AgentTokens.dll", "AgentTokens.FSharp.dll", "AgentTokens.Charts.dll", "AgentTokens.Interactive.dll" ] },
               { "src": "{{bin "AgentTokens.Extensions"}}", "files": [ "AgentTokens.Extensions.dll" ] } ], "dest": "api/libraries" },
    { "src": [ { "src": "{{bin "AgentTokens.Sandbox"}}", "files": [ "AgentTokens.Sandbox.dll" ] } ], "dest": "api/sandbox" }
  ],
  "build": {
    "content": [ { "files": [ "**/*.md", "**/toc.yml", "api/**/*.yml" ] } ],
    "resource": [ { "files": [ "**/*.png", "**/*.js" ] } ],
    "dest": "../docs",
    "template": [ "default", "statictoc" ],
    "globalMetadata": { "_appTitle": "AgentTokens.Functional", "_appFooter": "AgentTokens.Functional: built from this repository", "_enableSearch": false, "_disableContribution": true },
    "xref": []
  }
}
"""

if Directory.Exists source then Directory.Delete(source, true)
if Directory.Exists site then Directory.Delete(site, true)
write "docfx.json" docfx
run [ "docfx"; "metadata"; Path.Combine(source, "docfx.json") ]

// ---- The API's names, for links from the tours: each public type and each member (overloads as one).
type Api = { Uid: string; Name: string; Parent: string option }

let api =
    [ for file in Directory.GetFiles(Path.Combine(source, "api"), "*.yml", SearchOption.AllDirectories) do
        let mutable uid, name, parent = None, None, None
        for line in File.ReadAllLines file do
            match line with
            | l when l.StartsWith "- uid: " -> uid <- Some(l.Substring 7); name <- None; parent <- None
            | l when l.StartsWith "  name: " && name.IsNone -> name <- Some(l.Substring(8).Trim('\'', '"'))
            | l when l.StartsWith "  parent: " -> parent <- Some(l.Substring 10)
            | l when l.StartsWith "  type: " ->
                match uid, name with
                | Some u, Some n ->
                    let kind = l.Substring 8
                    if kind = "Class" || kind = "Struct" || kind = "Interface" || kind = "Enum" || kind = "Delegate" then
                        yield { Uid = u; Name = Regex.Replace(n, "<.*$", ""); Parent = None }
                    elif kind = "Method" || kind = "Property" || kind = "Constructor" then
                        let simple = Regex.Replace(n, @"[(<].*$", "")
                        match parent with
                        | Some p -> yield { Uid = p + "." + simple + "*"; Name = simple; Parent = Some p }
                        | None -> ()
                | _ -> ()
            | _ -> () ]
    |> List.distinctBy (fun a -> a.Uid)
    |> List.filter (fun a -> a.Uid.StartsWith "AgentTokens")

let typeName (uid: string) = uid.Split('.') |> Array.last

/// What code calls a type by: its name, and an F# module's name without the "Module" its compiled name may carry.
let namesOf (uid: string) =
    let name = typeName uid
    if name.EndsWith "Module" then [ name; name.Substring(0, name.Length - 6) ] else [ name ]

/// Member names too common elsewhere (LINQ, strings, collections) to link without their type named beside them.
let common =
    set [ "Take"; "Select"; "Where"; "Count"; "Join"; "Add"; "AddRange"; "Dispose"; "DisposeAsync"; "ToString"; "Equals"
          "GetHashCode"; "Contains"; "Parse"; "Write"; "Send"; "SendAsync"; "Token"; "Value"; "Item"; "Length"; "Name"
          "Tokens"; "Text"; "Next"; "Head"; "Description"; "Create"; "Check"; "Report"; "Run" ]

/// The API a cell's code uses, for links under it: types it names (`new T`, `T.`, `T(`, `<T>`, `: T`), calls written
/// `Type.Member`, and `.Member(` calls of a member only one type has. A C# cell links no F# layer name.
let apiIn (language: string) (code: string) =
    let code = Regex.Replace(code, @"(?m)^\s*(using|open|#load|#r)\b.*$", "")
    let visible (a: Api) = language = "fsharp" || not (a.Uid.StartsWith "AgentTokens.FSharp.")
    let names (a: Api) = match a.Parent with Some p -> namesOf p | None -> namesOf a.Uid
    let candidates = api |> List.filter visible
    let types =
        candidates
        |> List.filter (fun a ->
            a.Parent.IsNone
            && names a |> List.exists (fun n ->
                let n = Regex.Escape n
                Regex.IsMatch(code, $@"(?<![\w.]){n}(?=\s*[.(<{{])|(\bnew\s+|:\s*|<){n}\b")))
    let members =
        candidates
        |> List.filter (fun a -> a.Parent.IsSome)
        |> List.groupBy (fun a -> a.Name)
        |> List.collect (fun (name, owners) ->
            let qualified = owners |> List.filter (fun a -> names a |> List.exists (fun owner -> Regex.IsMatch(code, $@"(?<![\w.]){Regex.Escape owner}\.{Regex.Escape name}\b")))
            if not qualified.IsEmpty then qualified
            elif owners.Length = 1 && name.Length > 3 && not (common.Contains name) && Regex.IsMatch(code, $@"\.{Regex.Escape name}\s*[(<]") then owners
            else [])
    types @ members |> List.distinctBy (fun a -> a.Uid)

// ---- The guides: the README's sections, one page each (a section without a page fails the build).
let readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r\n", "\n")
let guides =
    [ "getting-started", "Getting started", [ "The two commands"; "Configuration" ]
      "csharp", "C#", [ "C#"; "What the client retries, how it limits its rate, what it guarantees" ]
      "fsharp", "F#", [ "F#" ]
      "sandbox", "The sandbox", [ "The sandbox" ]
      "tool", "The agent-tokens tool", [ "The agent-tokens tool" ]
      "packages", "Packages and dependency injection", [ "Packages and dependency injection" ]
      "notebooks", "Charts, notebooks and scripts", [ "Charts, notebooks and scripts" ]
      "performance", "Performance", [ "Performance" ]
      "astro", "Facts about Astro and their sources", [ "What this project states about Astro, and where it comes from" ]
      "contributing", "Layout and development", [ "Layout"; "Development" ] ]
let sections =
    Regex.Split(readme, @"(?m)^(?=## )")
    |> Array.filter (fun s -> s.StartsWith "## ")
    |> Array.map (fun s -> let heading = s.Substring(3, s.IndexOf('\n') - 3).Trim() in heading, s)
    |> List.ofArray
for heading, _ in sections do
    if not (guides |> List.exists (fun (_, _, hs) -> List.contains heading hs)) then
        failwithf "README section '%s' belongs to no page of the site: add it to the guides in docs/site.fsx" heading
let relink (text: string) =
    text.Replace("](docs/performance.md)", "](performance-details.md)").Replace("](docs/token-health.png)", "](token-health.png)")
        .Replace("](artifacts/docs/index.html)", "](../index.html)")
for file, title, headings in guides do
    let body = [ for h in headings -> sections |> List.find (fst >> (=) h) |> snd ] |> String.concat "\n"
    write $"guides/{file}.md" ($"# {title}\n\n" + relink body)
write "guides/performance-details.md" (File.ReadAllText(Path.Combine(root, "docs", "performance.md")))
File.Copy(Path.Combine(root, "docs", "token-health.png"), Path.Combine(source, "guides", "token-health.png"))
write "guides/toc.yml" (String.concat "" [ for file, title, _ in guides -> $"- name: {title}\n  href: {file}.md\n" ] + "- name: Performance, the whole story\n  href: performance-details.md\n")

// ---- The tours: executed notebooks with their outputs; charts draw with the plotly.js shipped beside them.
let tours =
    [ "api-tour-csharp", "Learn the API in C#"
      "api-tour", "Learn the API in F#"
      "token-health-csharp", "Token health in C#"
      "token-health", "Token health in F#" ]
let text (node: JsonNode) =
    match node with
    | :? JsonArray as lines -> String.Join("", [ for l in lines -> l.GetValue<string>() ])
    | null -> ""
    | value -> value.GetValue<string>()
let plotlyScript = Regex(@"<script type=""text/javascript"">/\*\*\s*\* plotly\.js.*?</script>", RegexOptions.Singleline)
/// HTML as one Markdown HTML block: a blank line would end the block, so empty lines become empty comments.
let htmlBlock (html: string) =
    let lines = html.Replace("\r\n", "\n").Split('\n') |> Array.map (fun l -> if l.Trim() = "" then "<!---->" else l)
    "<div class=\"notebook-output\">\n" + String.Join("\n", lines) + "\n</div>\n"
let fence (language: string) (code: string) =
    let ticks = if code.Contains "```" then "````" else "```"
    $"{ticks}{language}\n{code.TrimEnd()}\n{ticks}\n"
let outputMarkdown (output: JsonNode) =
    match output["output_type"].GetValue<string>() with
    | "stream" -> fence "text" (text output["text"])
    | "error" -> fence "text" (output["ename"].GetValue<string>() + ": " + output["evalue"].GetValue<string>())
    | _ ->
        let data = output["data"]
        match data["text/html"] with
        | null -> match data["text/plain"] with null -> "" | plain -> fence "text" (text plain)
        // The kernel's own helper script probes its HTTP ports: nothing of it belongs in a static page.
        | html when (text html).Contains "dotnet-interactive-this-cell" -> ""
        | html -> htmlBlock (plotlyScript.Replace(text html, ""))
for name, title in tours do
    let path = Path.Combine(executed, name + ".ipynb")
    if not (File.Exists path) then failwithf "no executed notebook at %s" path
    let notebook = JsonNode.Parse(File.ReadAllText path)
    let language = if name.EndsWith "-csharp" then "csharp" else "fsharp"
    let page = StringBuilder()
    let mutable charts = false
    for cell in notebook["cells"].AsArray() do
        let source = text cell["source"]
        match cell["cell_type"].GetValue<string>() with
        | "markdown" ->
            let linked = Regex.Replace(source, @"\]\(([a-z-]+)\.ipynb\)", "]($1.md)")
            page.Append(linked).Append("\n\n") |> ignore
        | "code" ->
            let code = Regex.Replace(source, @"^#!(csharp|fsharp)\s*\n", "")
            let hidden = match cell["metadata"]["tags"] with :? JsonArray as tags -> tags |> Seq.exists (fun t -> t.GetValue<string>() = "answer") | _ -> false
            let outputs = [ for o in cell["outputs"].AsArray() -> outputMarkdown o ] |> List.filter ((<>) "")
            if outputs |> List.exists (fun o -> o.Contains "Plotly.newPlot") then charts <- true
            let links =
                match apiIn language code with
                | [] -> ""
                | used -> "<p class=\"api-links\">API in this cell: " + String.Join(", ", [ for a in used -> $"<xref href=\"{a.Uid}\" displayProperty=\"nameWithType\" data-throw-if-not-resolved=\"true\"></xref>" ]) + "</p>\n"
            let body = fence language code + links + "\n" + String.Join("\n", outputs)
            if hidden then page.Append("<details>\n<summary>Answer (the hidden cell)</summary>\n\n").Append(body).Append("\n</details>\n\n") |> ignore
            else page.Append(body).Append("\n") |> ignore
        | _ -> ()
    let header = if charts then "<script src=\"plotly.min.js\"></script>\n\n" else ""
    write $"tours/{name}.md" ($"---\ntitle: {title}\n---\n" + header + page.ToString())
write "tours/toc.yml" (String.concat "" [ for name, title in tours -> $"- name: {title}\n  href: {name}.md\n" ])
// plotly.js as Plotly.NET ships it (the same bundle the report inlines).
let plotly = Assembly.LoadFrom(Path.Combine(root, "src", "AgentTokens.Interactive", "bin", configuration, "net10.0", "Plotly.NET.dll"))
let resource = plotly.GetManifestResourceNames() |> Array.find (fun n -> n.StartsWith "Plotly.NET.plotly-" && n.EndsWith ".min.js")
using (plotly.GetManifestResourceStream resource) (fun stream ->
    use file = File.Create(Path.Combine(source, "tours", "plotly.min.js"))
    stream.CopyTo file)

// ---- The API reference's table of contents, and the entry page.
write "api/toc.yml" "- name: Libraries (core, F# layer, charts, notebooks, dependency injection)\n  href: libraries/toc.yml\n- name: Sandbox\n  href: sandbox/toc.yml\n"
write "toc.yml" "- name: Tours\n  href: tours/\n- name: Guides\n  href: guides/\n- name: API reference\n  href: api/\n"
let intro = readme.Substring(0, readme.IndexOf "\n## ") |> fun s -> Regex.Replace(s, @"^# .*\n", "")
write "index.md" (String.concat "\n" [
    "# AgentTokens.Functional"
    intro.Trim()
    ""
    "## Learn the API"
    ""
    "- [Learn the Agent API tokens API in C#](tours/api-tour-csharp.md), or [in F#](tours/api-tour.md): the wire first, then the pitfall of paging, then the library; five exercises that check themselves."
    "- [Token health in C#](tours/token-health-csharp.md), or [in F#](tours/token-health.md): an organization's tokens, charted."
    ""
    "## Guides"
    ""
    yield! [ for file, title, _ in guides -> $"- [{title}](guides/{file}.md)" ]
    ""
    "## API reference"
    ""
    "- [AgentTokensClient](xref:AgentTokens.AgentTokensClient): the C# client and its pager; the namespaces [AgentTokens](xref:AgentTokens) (the C# core), [AgentTokens.FSharp](xref:AgentTokens.FSharp), [AgentTokens.Analysis](xref:AgentTokens.Analysis), [AgentTokens.Charts](xref:AgentTokens.Charts) and [AgentTokens.Interactive](xref:AgentTokens.Interactive)"
    "- [Tokens](xref:AgentTokens.FSharp.Tokens), [Query](xref:AgentTokens.FSharp.Query) and [Analysis](xref:AgentTokens.FSharp.Analysis): the F# layer"
    "- [The sandbox](xref:AgentTokens.Sandbox.Sandbox) and [dependency injection](xref:AgentTokens.AgentTokensServiceCollectionExtensions)"
    "" ])

run [ "docfx"; "build"; Path.Combine(source, "docfx.json") ]
printfn "The site is in %s (entry page: index.html)." site
