/// The documentation site as a reader meets it: built from this checkout by docs/site.fsx (what ./build.sh docs
/// runs, here on the notebooks the notebook tests just executed), every internal link resolving, nothing fetched from
/// the network, and the tours drawing their charts in headless Chromium with the network cut off.
module AgentTokens.Tests.SiteTests

open System
open System.IO
open System.Text.RegularExpressions
open Expecto

let private site = Path.Combine(ReadmeTests.repoRoot, "artifacts", "docs")

/// The build configuration these tests run in (Debug or Release), which the site's reference is read from.
let private configuration =
    if AppContext.BaseDirectory.Replace('\\', '/').Contains "/bin/Release/" then "Release" else "Debug"

/// Builds the site from the executed notebooks the notebook tests left in artifacts/notebooks.
let private build =
    lazy
        (let outcome =
            Processes.run "dotnet" [ "fsi"; Path.Combine("docs", "site.fsx"); configuration; Jupyter.executed ] ReadmeTests.repoRoot []
                (TimeSpan.FromMinutes 10.0)
         if outcome.ExitCode <> 0 then failwithf "docs/site.fsx failed (exit %d):\n%s\n%s" outcome.ExitCode outcome.Stdout outcome.Stderr
         Directory.GetFiles(site, "*.html", SearchOption.AllDirectories) |> List.ofArray)

/// The href and src attributes of a page.
let private references (html: string) =
    [ for m in Regex.Matches(html, "\\s(href|src)=\"([^\"]*)\"") -> m.Groups.[1].Value, Net.WebUtility.HtmlDecode m.Groups.[2].Value ]

/// A page's element IDs (anchor targets).
let private ids (html: string) = set [ for m in Regex.Matches(html, "\\s(?:id|name)=\"([^\"]+)\"") -> m.Groups.[1].Value ]

/// Whether a reference leaves the site.
let private external (target: string) = Regex.IsMatch(target, "^[a-zA-Z][a-zA-Z0-9+.-]*:") || target.StartsWith "//"

/// Resolves an internal reference of `page` to a file and an optional anchor.
let private resolve (page: string) (target: string) =
    let withoutQuery = target.Split('?').[0]
    let path, anchor =
        match withoutQuery.Split('#', 2) with
        | [| p; a |] -> p, Some a
        | parts -> parts.[0], None
    let file = if path = "" then page else Path.GetFullPath(Path.Combine(Path.GetDirectoryName page, Uri.UnescapeDataString path))
    file, anchor

/// Headless Chromium with every host unresolvable: what draws here needs no network.
let private offlineDom (page: string) =
    Chromium.run [ "--dump-dom"; "--host-resolver-rules=MAP * ~NOTFOUND" ] page

let tests =
    testSequenced <| testList "site" [
        test "the site builds: an entry page, the four tours, the guides, and the reference of AgentTokensClient and of the F# Tokens module" {
            let pages = build.Value
            for relative in
                [ "index.html"; "tours/api-tour-csharp.html"; "tours/api-tour.html"; "tours/token-health-csharp.html"; "tours/token-health.html"
                  "guides/csharp.html"; "guides/fsharp.html"; "guides/tool.html"; "guides/sandbox.html"; "guides/performance.html"
                  "api/libraries/AgentTokens.AgentTokensClient.html"; "api/libraries/AgentTokens.FSharp.Tokens.html" ] do
                Expect.isTrue (File.Exists(Path.Combine(site, relative))) (sprintf "%s exists" relative)
            Expect.isGreaterThan pages.Length 100 "the reference has a page per type"
            let client = File.ReadAllText(Path.Combine(site, "api", "libraries", "AgentTokens.AgentTokensClient.html"))
            Expect.stringContains client "ListAsync" "the client's page lists its members"
            Expect.stringContains client "Lists a deployment's tokens, one at a time" "with their XML documentation"
            let tokens = File.ReadAllText(Path.Combine(site, "api", "libraries", "AgentTokens.FSharp.Tokens.html"))
            Expect.stringContains tokens "listAll" "the F# module's page lists its functions"
            Expect.stringContains tokens "streamed page by page" "with the .fsi doc comments"
        }

        test "every internal link of every page resolves, to a file and to its anchor" {
            let broken =
                [ for page in build.Value do
                    let html = File.ReadAllText page
                    for attribute, target in references html do
                        if target <> "" && not (external target) && not (target.StartsWith "javascript:") then
                            let file, anchor = resolve page target
                            if not (File.Exists file) then yield $"{Path.GetRelativePath(site, page)}: {attribute}={target} (no file)"
                            else
                                match anchor with
                                // "#top" scrolls to the top of any page (HTML's own rule); the template's "back to top" uses it.
                                | Some a when a <> "" && a <> "top" && file.EndsWith ".html" && not ((ids (File.ReadAllText file)).Contains(Uri.UnescapeDataString a)) ->
                                    yield $"{Path.GetRelativePath(site, page)}: {target} (no anchor)"
                                | _ -> () ]
            Expect.isEmpty broken (sprintf "%d broken links:\n%s" broken.Length (String.concat "\n" (List.truncate 30 broken)))
        }

        test "nothing is loaded from the network: no script, stylesheet, image or font from another host" {
            let remote =
                [ for page in build.Value do
                    let html = File.ReadAllText page
                    for m in Regex.Matches(html, "<(script|link|img|iframe|source)\\b[^>]*\\s(src|href)=\"(https?:)?//[^\"]*\"") do
                        yield $"{Path.GetRelativePath(site, page)}: {m.Value}"
                    for m in Regex.Matches(html, "url\\(\\s*['\"]?(https?:)?//[^)]*\\)") do
                        yield $"{Path.GetRelativePath(site, page)}: {m.Value}" ]
            Expect.isEmpty (List.truncate 20 remote) "no remote resource"
            for css in Directory.GetFiles(site, "*.css", SearchOption.AllDirectories) do
                Expect.isFalse (Regex.IsMatch(File.ReadAllText css, "@import\\s+url\\(\\s*['\"]?https?:")) (sprintf "%s imports nothing remote" css)
        }

        test "the tours render with their outputs, and their charts draw offline in headless Chromium" {
            build.Value |> ignore
            for tour in [ "token-health-csharp"; "token-health" ] do
                let page = Path.Combine(site, "tours", tour + ".html")
                let expected = Regex.Matches(File.ReadAllText page, "Plotly.newPlot").Count
                Expect.equal expected 6 (sprintf "%s holds its six charts" tour)
                let dom = offlineDom page
                Expect.equal (Regex.Matches(dom, "class=\"[^\"]*js-plotly-plot").Count) expected (sprintf "%s: plotly drew every chart" tour)
                Expect.isGreaterThanOrEqual (Regex.Matches(dom, "class=\"main-svg\"").Count) expected (sprintf "%s: as SVG" tour)
                Expect.stringContains dom "<caption>Policy findings</caption>" (sprintf "%s: the findings table is there" tour)
            for tour in [ "api-tour-csharp"; "api-tour" ] do
                let dom = offlineDom (Path.Combine(site, "tours", tour + ".html"))
                Expect.stringContains dom "Authorization: Bearer ***" (sprintf "%s: the request with its headers" tour)
                Expect.stringContains dom "paging-picture" (sprintf "%s: the paging pictures" tour)
                Expect.stringContains dom "Exercise 1 (the three oldest tokens): correct." (sprintf "%s: the exercises' answers, checked" tour)
                Expect.isFalse (dom.Contains "dotnet-interactive-this-cell") (sprintf "%s: none of the kernel's own scripts" tour)
            let png = Path.Combine(ReadmeTests.repoRoot, "artifacts", "browser", "site-token-health-csharp.png")
            Chromium.run [ "--screenshot=" + png; "--host-resolver-rules=MAP * ~NOTFOUND" ] (Path.Combine(site, "tours", "token-health-csharp.html")) |> ignore
            Expect.isTrue (File.Exists png) "a screenshot of a rendered tour is kept"
        }

        test "every page of the tours and guides, the entry page and the reference of the client and of Tokens load in Chromium" {
            build.Value |> ignore
            let pages =
                [ yield Path.Combine(site, "index.html")
                  yield! Directory.GetFiles(Path.Combine(site, "tours"), "*.html") |> Array.filter (fun f -> not (f.EndsWith "toc.html"))
                  yield! Directory.GetFiles(Path.Combine(site, "guides"), "*.html") |> Array.filter (fun f -> not (f.EndsWith "toc.html"))
                  yield Path.Combine(site, "api", "libraries", "AgentTokens.AgentTokensClient.html")
                  yield Path.Combine(site, "api", "libraries", "AgentTokens.FSharp.Tokens.html") ]
            for page in pages do
                let dom = offlineDom page
                let title = Regex.Match(File.ReadAllText page, "<title>([^<]*)</title>").Groups.[1].Value
                Expect.isNotEmpty title (sprintf "%s has a title" page)
                Expect.stringContains dom "<article" (sprintf "%s: its article rendered" (Path.GetRelativePath(site, page)))
                Expect.stringContains dom "class=\"navbar" (sprintf "%s: with the site's navigation" (Path.GetRelativePath(site, page)))
        }

        test "a learner goes from the entry page to the C# tour, to the reference of a method it calls, and back" {
            build.Value |> ignore
            let index = Path.Combine(site, "index.html")
            let linksOf page = [ for _, target in references (File.ReadAllText page) do if not (external target) then yield fst (resolve page target) ]
            let tour = Path.Combine(site, "tours", "api-tour-csharp.html")
            Expect.contains (linksOf index) tour "the entry page links the C# tour"
            let reference = Path.Combine(site, "api", "libraries", "AgentTokens.AgentTokensClient.html")
            Expect.contains (linksOf tour) reference "the tour links the reference of the client it calls (ListAsync)"
            Expect.isTrue (File.ReadAllText(tour).Contains "AgentTokens_AgentTokensClient_ListAsync_") "to the method's own anchor"
            Expect.contains (linksOf reference) index "the reference page links back to the entry page"
            Expect.isTrue (linksOf reference |> List.exists (fun l -> l.Replace('\\', '/').Contains "/tours/")) "and to the tours"
        }

        test "the guides are the README's sections: one source" {
            build.Value |> ignore
            let readme = File.ReadAllText(Path.Combine(ReadmeTests.repoRoot, "README.md"))
            let csharp = File.ReadAllText(Path.Combine(ReadmeTests.repoRoot, "artifacts", "docs-src", "guides", "csharp.md"))
            Expect.stringContains csharp (ReadmeTests.region "examples/AgentTokens.Examples/ReadmeAnalysisExample.cs") "the C# guide carries the README's compiled analysis example"
            Expect.stringContains readme "artifacts/docs/index.html" "the README names the site's entry page"
            Expect.stringContains readme "./build.sh docs" "and how to build it"
        }
    ]
