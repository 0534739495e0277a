namespace AgentTokens.FSharp

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
    /// An answer that broke a bound or the paging rules: `bound` names it (MaxPages, MaxTokens, MaxDeployments,
    /// MaxPageBytes, MaxTokenBytes, PageOverLimit, TotalCountBelowPage).
    | Refused of problem: ApiProblem * bound: AgentTokens.BoundViolation
    /// A listing that kept changing through every re-read (strict mode): what the pager saw.
    | Incomplete of ApiProblem * events: string list
    /// Any other status, or an answer that could not be read.
    | Unexpected of ApiProblem

    /// The problem, whatever the case.
    member Problem: ApiProblem

/// The one exception of the F# layer: a streamed listing raises it with the same `ApiFailure` that the `Result`
/// forms return. Cancelling raises OperationCanceledException, as everywhere in .NET.
exception ApiFailureException of ApiFailure

/// Conversions from the core's exceptions, and descriptions.
[<RequireQualifiedAccess>]
module ApiFailure =
    /// The failure for a core exception (the AstroApiException family, IncompleteListingException included); None for
    /// anything else: a cancellation, or a bug (an ArgumentException from inside is a bug, not the caller's input).
    val tryOfException: e: exn -> ApiFailure option

    /// `Invalid` (status 0) for the caller's own input refused before anything was sent.
    val ofInvalidInput: e: System.ArgumentException -> ApiFailure

    /// A one-line description: the message, with the request ID when the message lacks it.
    val describe: failure: ApiFailure -> string
