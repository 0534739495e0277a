/// The README's F# example: the text between the README markers is shown there verbatim.
module AgentTokens.Examples.ReadmeExample

open System
open System.Threading
open AgentTokens.FSharp

/// Lists the 100 newest tokens of a connection's deployment and summarises them.
let run (connection: Connection) (now: DateTimeOffset) (output: IO.TextWriter) (cancellationToken: CancellationToken) =
    task {
        // README-BEGIN
        let query =
            connection.Query
            |> Query.sortBy [ Desc CreatedAt; Asc Name ]
            |> Query.take 100
            |> Query.cancelWith cancellationToken

        match! Tokens.listAll connection.Client query with
        | Error failure ->
            output.WriteLine $"Failed: {ApiFailure.describe failure}"
            return Error failure
        | Ok listing ->
            let summary = Analysis.summary now listing.Tokens
            output.WriteLine $"{summary.Total} tokens: {summary.Expired} expired, {summary.ExpiringWithin30Days} expire within 30 days, {summary.NeverUsed} never used"
            for token in listing.Tokens do
                match Analysis.expiryStatus (TimeSpan.FromDays 7.0) now token with
                | Analysis.ExpiringSoon left -> output.WriteLine $"  {token.Name} expires in {left.TotalDays:F1} days"
                | _ -> ()
            return Ok summary
        // README-END
    }
