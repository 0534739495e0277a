// The promised surface and its documentation: ApiFailure.fsi.
namespace AgentTokens.FSharp

open System

type ApiProblem =
    { Status: int
      Message: string
      RequestId: string option
      Method: string
      Path: string }

type FieldProblem = { Field: string; Code: string; Message: string }

type ApiFailure =
    | NotFound of ApiProblem
    | Unauthorized of ApiProblem
    | Forbidden of ApiProblem
    | Invalid of ApiProblem * FieldProblem list
    | RateLimited of ApiProblem
    | ServerError of ApiProblem
    | Network of ApiProblem
    | Refused of problem: ApiProblem * bound: AgentTokens.BoundViolation
    | Incomplete of ApiProblem * events: string list
    | Unexpected of ApiProblem

    member f.Problem =
        match f with
        | NotFound p | Unauthorized p | Forbidden p | Invalid(p, _) | RateLimited p | ServerError p | Network p
        | Refused(p, _) | Incomplete(p, _) | Unexpected p -> p

exception ApiFailureException of ApiFailure

[<RequireQualifiedAccess>]
module ApiFailure =
    let tryOfException (e: exn) : ApiFailure option =
        match e with
        | :? AgentTokens.IncompleteListingException as e ->
            Some(Incomplete({ Status = 0; Message = e.Message; RequestId = None; Method = e.Method; Path = e.Path }, List.ofSeq e.Events))
        | :? AgentTokens.AstroApiException as e ->
            let problem =
                { Status = e.StatusCode; Message = e.Message; RequestId = Option.ofObj e.RequestId; Method = e.Method; Path = e.Path }
            Some(
                match Option.ofNullable e.Violation, e.StatusCode with
                | None, 0 -> Network problem
                | None, 400 -> Invalid(problem, [ for f in e.FieldErrors -> { Field = f.Field; Code = f.Code; Message = f.Message } ])
                | None, 401 -> Unauthorized problem
                | None, 403 -> Forbidden problem
                | None, 404 -> NotFound problem
                | None, 429 -> RateLimited problem
                | None, s when s >= 500 -> ServerError problem
                | None, _ -> Unexpected problem
                | Some bound, _ -> Refused(problem, bound))
        | ApiFailureException failure -> Some failure
        | _ -> None

    let ofInvalidInput (e: ArgumentException) : ApiFailure =
        let field = if isNull e.ParamName then "argument" else e.ParamName
        let message = AgentTokens.TerminalText.Escape(e.Message.Split('\n').[0].Trim())
        Invalid({ Status = 0; Message = message; RequestId = None; Method = ""; Path = "" }, [ { Field = field; Code = "invalid"; Message = message } ])

    let describe (failure: ApiFailure) =
        let p = failure.Problem
        match p.RequestId with
        | Some id when not (p.Message.Contains id) -> $"{p.Message} (requestId {id})"
        | _ -> p.Message
