namespace AgentTokens.FSharp

open System
open AgentTokens

/// What a failed call tells: status (0 when no answer arrived), message, request ID, method and path.
type ApiProblem =
    { Status: int
      Message: string
      RequestId: string option
      Method: string
      Path: string }

/// One field the API (or the builder, before sending) refused.
type FieldProblem = { Field: string; Code: string; Message: string }

/// The failures a caller handles differently.
type ApiFailure =
    /// 404: the organization, deployment or token does not exist.
    | NotFound of ApiProblem
    /// 401: the bearer token is missing, wrong or expired.
    | Unauthorized of ApiProblem
    /// 403: the token lacks the permission.
    | Forbidden of ApiProblem
    /// 400, or an argument refused before sending (status 0): which fields and why.
    | Invalid of ApiProblem * FieldProblem list
    /// 429: slow down.
    | RateLimited of ApiProblem
    /// 5xx.
    | ServerError of ApiProblem
    /// No answer: connection failure or timeout.
    | Network of ApiProblem
    /// Any other status, or an answer that could not be read.
    | Unexpected of ApiProblem

    /// The problem, whatever the case.
    member f.Problem =
        match f with
        | NotFound p | Unauthorized p | Forbidden p | Invalid(p, _) | RateLimited p | ServerError p | Network p | Unexpected p -> p

/// Conversions from the core's exceptions.
[<RequireQualifiedAccess>]
module ApiFailure =
    /// The failure for a core exception.
    let ofException (e: AstroApiException) : ApiFailure =
        let problem =
            { Status = e.StatusCode; Message = e.Message; RequestId = Option.ofObj e.RequestId; Method = e.Method; Path = e.Path }
        match e.StatusCode with
        | 0 -> Network problem
        | 400 -> Invalid(problem, [ for f in e.FieldErrors -> { Field = f.Field; Code = f.Code; Message = f.Message } ])
        | 401 -> Unauthorized problem
        | 403 -> Forbidden problem
        | 404 -> NotFound problem
        | 429 -> RateLimited problem
        | s when s >= 500 -> ServerError problem
        | _ -> Unexpected problem

    /// The failure for an argument the builder refused before sending.
    let ofArgument (method: string) (e: ArgumentException) : ApiFailure =
        let field = if isNull e.ParamName then "argument" else e.ParamName
        Invalid({ Status = 0; Message = e.Message; RequestId = None; Method = method; Path = "" },
                [ { Field = field; Code = "invalid"; Message = e.Message } ])

    /// A one-line description: status, message, request ID.
    let describe (failure: ApiFailure) =
        let p = failure.Problem
        match p.RequestId with
        | Some id when not (p.Message.Contains id) -> sprintf "%s (requestId %s)" p.Message id
        | _ -> p.Message
