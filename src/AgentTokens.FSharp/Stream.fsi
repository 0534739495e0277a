/// Functions over a streamed listing (`IAsyncEnumerable`), so that callers never write enumerator loops. They are
/// .NET 10's System.Linq.AsyncEnumerable underneath. A listing is cancelled by the token it was made with
/// (`Query.cancelWith`, or the argument of `Tokens.deployments` and `Tokens.organization`).
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.Stream

open System.Collections.Generic
open System.Threading.Tasks

/// Folds the items into a state, in order.
val fold: folder: ('State -> 'T -> 'State) -> state: 'State -> stream: IAsyncEnumerable<'T> -> Task<'State>

/// Runs `action` on each item in turn.
val iter: action: ('T -> unit) -> stream: IAsyncEnumerable<'T> -> Task

/// Reads the whole stream into a list.
val toList: stream: IAsyncEnumerable<'T> -> Task<'T list>

/// Reads the whole stream into an array.
val toArray: stream: IAsyncEnumerable<'T> -> Task<'T array>

/// The first `count` items; the rest is never asked for.
val take: count: int -> stream: IAsyncEnumerable<'T> -> IAsyncEnumerable<'T>

/// The items that satisfy `predicate`.
val filter: predicate: ('T -> bool) -> stream: IAsyncEnumerable<'T> -> IAsyncEnumerable<'T>

/// Each item mapped.
val map: mapping: ('T -> 'U) -> stream: IAsyncEnumerable<'T> -> IAsyncEnumerable<'U>
