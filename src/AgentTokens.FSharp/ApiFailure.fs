namespace AgentTokens.FSharp

open System

/// What a failed call tells: status (0 when no answer arrived, or when the call was refused before sending),
/// message (the server's text cut to a readable length, its control characters escaped), request ID, method, path.
type ApiProblem =
    { Status: int
      Message: string
      RequestId: string option
      Method: string
      Path: string }

/// One field the API (or the builder, before sending) refused.
type FieldProblem = { Field: string; Code: string; Message: string }

/// Every way an operation fails, as a caller handles it differently.
type ApiFailure =
    /// 404: the organization, deployment or token does not exist.
    | NotFound of ApiProblem
    /// 401: the bearer token is missing, wrong or expired.
    | Unauthorized of ApiProblem
    /// 403: the bearer token lacks the operation's permission.
    | Forbidden of ApiProblem
    /// 400, or an argument refused before sending (status 0): which fields and why.
    | Invalid of ApiProblem * FieldProblem list
    /// 429: slow down.
    | RateLimited of ApiProblem
    /// 5xx.
    | ServerError of ApiProblem
    /// No answer: connection failure or timeout.
    | Network of ApiProblem
    /// An answer that broke a bound or the paging rules: `bound` names it (MaxPages, MaxPageBytes, MaxTokenBytes,
    /// PageOverLimit, TotalCountBelowPage).
    | Refused of problem: ApiProblem * bound: string
    /// A listing that kept changing through every re-read (strict mode): what the pager saw.
    | Incomplete of ApiProblem * events: string list
    /// Any other status, or an answer that could not be read.
    | Unexpected of ApiProblem

    /// The problem, whatever the case.
    member f.Problem =
        match f with
        | NotFound p | Unauthorized p | Forbidden p | Invalid(p, _) | RateLimited p | ServerError p | Network p
        | Refused(p, _) | Incomplete(p, _) | Unexpected p -> p

/// The one exception of the F# layer: a streamed listing raises it with the same `ApiFailure` that the `Result`
/// forms return. Cancelling raises OperationCanceledException, as everywhere in .NET.
exception ApiFailureException of ApiFailure

/// Conversions from the core's exceptions, and descriptions.
[<RequireQualifiedAccess>]
module ApiFailure =
    /// The failure for a core exception; None for anything that is not a failure of the API call (a bug, a cancellation).
    let tryOfException (e: exn) : ApiFailure option =
        match e with
        | :? AgentTokens.AstroApiException as e ->
            let problem =
                { Status = e.StatusCode; Message = e.Message; RequestId = Option.ofObj e.RequestId; Method = e.Method; Path = e.Path }
            Some(
                match e.Violation, e.StatusCode with
                | null, 0 -> Network problem
                | null, 400 -> Invalid(problem, [ for f in e.FieldErrors -> { Field = f.Field; Code = f.Code; Message = f.Message } ])
                | null, 401 -> Unauthorized problem
                | null, 403 -> Forbidden problem
                | null, 404 -> NotFound problem
                | null, 429 -> RateLimited problem
                | null, s when s >= 500 -> ServerError problem
                | null, _ -> Unexpected problem
                | bound, _ -> Refused(problem, bound))
        | :? AgentTokens.IncompleteListingException as e ->
            Some(Incomplete({ Status = 0; Message = e.Message; RequestId = None; Method = "GET"; Path = "" }, List.ofSeq e.Events))
        | :? ArgumentException as e ->
            let field = if isNull e.ParamName then "argument" else e.ParamName
            let message = e.Message.Split('\n').[0].Trim()
            Some(Invalid({ Status = 0; Message = message; RequestId = None; Method = ""; Path = "" }, [ { Field = field; Code = "invalid"; Message = message } ]))
        | ApiFailureException failure -> Some failure
        | _ -> None

    /// A one-line description: the message, with the request ID when the message lacks it.
    let describe (failure: ApiFailure) =
        let p = failure.Problem
        match p.RequestId with
        | Some id when not (p.Message.Contains id) -> sprintf "%s (requestId %s)" p.Message id
        | _ -> p.Message
