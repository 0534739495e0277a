/// `agent-tokens report`: list every token, write the HTML report, print a short summary.
module AgentTokens.Cli.ReportCommand

open System.IO
open Argu
open AgentTokens.FSharp
open AgentTokens.Charts
open AgentTokens.Cli.Arguments

/// Runs the report; returns the exit code.
let run (args: ParseResults<ReportArgs>) (console: Commands.Streams) =
    task {
        let folder = args.GetResult(ReportArgs.Out, defaultValue = Path.Combine("artifacts", "report"))
        match! Target.forReport (args.Contains ReportArgs.Sandbox) (args.GetResult(ReportArgs.Tokens, 300)) (args.GetResult(ReportArgs.Seed, 7)) with
        | Error message ->
            console.Err.WriteLine("agent-tokens: " + message)
            return Commands.Exit.usage
        | Ok target ->
            use _ = target
            let! tokens = AgentTokens.list target.Connection.Client target.Connection.Query |> AgentTokens.toList
            let path = Path.Combine(folder, "token-health.html")
            Report.saveFrom target.Description path tokens target.Now
            console.Out.WriteLine(sprintf "Agent token health: %s" target.Description)
            for line in Report.summaryLines target.Now tokens do
                console.Out.WriteLine line
            console.Out.WriteLine(sprintf "Report: %s" (Path.GetFullPath path))
            return Commands.Exit.ok
    }
