/// Functions over a streamed listing (`IAsyncEnumerable`), so that callers never write enumerator loops. They are
/// .NET 10's System.Linq.AsyncEnumerable underneath. A listing is cancelled by the token it was made with
/// (`Query.cancelWith`, or the argument of `Tokens.deployments` and `Tokens.organization`).
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.Stream

open System
open System.Collections.Generic
open System.Linq
open System.Threading.Tasks

/// Folds the items into a state, in order.
let fold (folder: 'State -> 'T -> 'State) (state: 'State) (stream: IAsyncEnumerable<'T>) : Task<'State> =
    AsyncEnumerable.AggregateAsync(stream, state, Func<'State, 'T, 'State>(folder)).AsTask()

/// Runs `action` on each item in turn.
let iter (action: 'T -> unit) (stream: IAsyncEnumerable<'T>) : Task =
    fold (fun () item -> action item) () stream :> Task

/// Reads the whole stream into a list.
let toList (stream: IAsyncEnumerable<'T>) : Task<'T list> =
    task {
        let! items = stream.ToArrayAsync()
        return List.ofArray items
    }

/// Reads the whole stream into an array.
let toArray (stream: IAsyncEnumerable<'T>) : Task<'T array> = stream.ToArrayAsync().AsTask()

/// The first `count` items; the rest is never asked for.
let take (count: int) (stream: IAsyncEnumerable<'T>) : IAsyncEnumerable<'T> = AsyncEnumerable.Take(stream, count)

/// The items that satisfy `predicate`.
let filter (predicate: 'T -> bool) (stream: IAsyncEnumerable<'T>) : IAsyncEnumerable<'T> =
    AsyncEnumerable.Where(stream, Func<'T, bool>(predicate))

/// Each item mapped.
let map (mapping: 'T -> 'U) (stream: IAsyncEnumerable<'T>) : IAsyncEnumerable<'U> =
    AsyncEnumerable.Select(stream, Func<'T, 'U>(mapping))
