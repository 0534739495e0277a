// Token health as a dotnet fsi script: dotnet fsi notebooks/token-health.fsx [output.html]
// In this repository, run ./build.sh build first: the #load below is what that build produced.
// Outside it, reference the packages instead:
//   #i "nuget: /path/to/artifacts/packages"
//   #r "nuget: AgentTokens.Charts, *-*"
//   #r "nuget: AgentTokens.Sandbox, *-*"
#load "../artifacts/notebook-refs/refs.fsx"
#load "source.fsx"

open System
open System.IO
open System.Threading
open AgentTokens.FSharp
open AgentTokens.Charts

let output =
    match fsi.CommandLineArgs |> Array.tryItem 1 with
    | Some path -> path
    | None -> Path.Combine(__SOURCE_DIRECTORY__, "..", "artifacts", "notebooks", "token-health-fsx.html")

// Astro with ASTRO_API_TOKEN and ASTRO_ORGANIZATION_ID (and ASTRO_DEPLOYMENT_ID for one deployment); else the sandbox.
let source = (Source.connect ()).GetAwaiter().GetResult()
let audit =
    match (Audit.collect source.Connection 8 (fun _ _ -> ()) CancellationToken.None).GetAwaiter().GetResult() with
    | Ok audit -> audit
    | Error failure -> failwith (ApiFailure.describe failure)
let tokens = audit.Tokens

printfn "Agent token health: %s" source.Description
for line in Report.summaryLines source.Now tokens do
    printfn "%s" line
printfn "Deployments: %d" audit.Deployments.Length

let soon = tokens |> List.filter (Analysis.expiresWithin Analysis.soon source.Now)
printfn "Expiring within 7 days:"
for t in soon do
    printfn "  %-40s %s" t.Name (t.EndAt |> Option.map (fun e -> e.ToString "yyyy-MM-dd") |> Option.defaultValue "")

Report.saveAudit source.Description output audit source.Now
printfn "Report: %s" (Path.GetFullPath output)
(source :> IAsyncDisposable).DisposeAsync().AsTask().GetAwaiter().GetResult()
