/// The README's F# example: the text between the README markers is shown there verbatim.
module AgentTokens.Examples.ReadmeExample

open System
open AgentTokens.FSharp

/// Lists the 100 newest tokens of a connection's deployment and summarises them.
let run (connection: Connection) (now: DateTimeOffset) (output: IO.TextWriter) =
    task {
        // README-BEGIN
        let! tokens =
            Query.forDeployment connection.OrganizationId connection.DeploymentId
            |> Query.sortBy [ Desc CreatedAt; Asc Name ]
            |> Query.take 100
            |> AgentTokens.list connection.Client
            |> AgentTokens.toList

        let summary = Analysis.summary now tokens
        output.WriteLine $"{summary.Total} tokens: {summary.Expired} expired, {summary.ExpiringWithin30Days} expire within 30 days, {summary.NeverUsed} never used"

        for token in tokens do
            match Analysis.expiryStatus (TimeSpan.FromDays 7.0) now token with
            | Analysis.ExpiringSoon left -> output.WriteLine $"  {token.Name} expires in {left.TotalDays:F1} days"
            | _ -> ()
        // README-END
        return summary
    }
