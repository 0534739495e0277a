// The promised surface and its documentation: Stream.fsi.
[<RequireQualifiedAccess>]
module AgentTokens.FSharp.Stream

open System
open System.Collections.Generic
open System.Linq
open System.Threading.Tasks

let fold (folder: 'State -> 'T -> 'State) (state: 'State) (stream: IAsyncEnumerable<'T>) : Task<'State> =
    AsyncEnumerable.AggregateAsync(stream, state, Func<'State, 'T, 'State>(folder)).AsTask()

let iter (action: 'T -> unit) (stream: IAsyncEnumerable<'T>) : Task =
    fold (fun () item -> action item) () stream :> Task

let toList (stream: IAsyncEnumerable<'T>) : Task<'T list> =
    task {
        let! items = stream.ToArrayAsync()
        return List.ofArray items
    }

let toArray (stream: IAsyncEnumerable<'T>) : Task<'T array> = stream.ToArrayAsync().AsTask()

let take (count: int) (stream: IAsyncEnumerable<'T>) : IAsyncEnumerable<'T> = AsyncEnumerable.Take(stream, count)

let filter (predicate: 'T -> bool) (stream: IAsyncEnumerable<'T>) : IAsyncEnumerable<'T> =
    AsyncEnumerable.Where(stream, Func<'T, bool>(predicate))

let map (mapping: 'T -> 'U) (stream: IAsyncEnumerable<'T>) : IAsyncEnumerable<'U> =
    AsyncEnumerable.Select(stream, Func<'T, 'U>(mapping))
