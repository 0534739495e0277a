/// `agent-tokens report`: list every token, write the HTML report, print a short summary.
module AgentTokens.Cli.ReportCommand

open System
open System.IO
open Argu
open AgentTokens.FSharp
open AgentTokens.Charts

/// Runs the report; returns the exit code.
let run (args: ParseResults<Arguments.ReportArgs>) (out: TextWriter) (err: TextWriter) =
    task {
        let folder = args.GetResult(Arguments.Out, defaultValue = Path.Combine("artifacts", "report"))
        match! Target.resolve (args.Contains Arguments.Sandbox) (args.GetResult(Arguments.Tokens, 300)) (args.GetResult(Arguments.Seed, 7)) with
        | Error message ->
            err.WriteLine message
            return 2
        | Ok target ->
            use _ = target
            let! tokens = AgentTokens.list target.Connection.Client target.Connection.Query |> AgentTokens.toList
            let path = Path.Combine(folder, "token-health.html")
            Report.saveFrom target.Description path tokens target.Now
            out.WriteLine(sprintf "Agent token health: %s" target.Description)
            for line in Report.summaryLines target.Now tokens do
                out.WriteLine line
            out.WriteLine(sprintf "Report: %s" (Path.GetFullPath path))
            return 0
    }
