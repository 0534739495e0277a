namespace AgentTokens.Interactive

open System
open System.Collections

/// The check under each exercise of the tours: it compares the learner's answer with what the server says and
/// prints `Exercise N (title): correct.` or `Exercise N (title): not yet: ...` with a hint that does not give the
/// answer away. It never throws, so an unanswered exercise leaves the notebook green.
[<AbstractClass; Sealed>]
type Exercise =
    static member private Items(value: obj) =
        match value with
        | :? string -> None
        | :? IEnumerable as items -> Some [ for item in items -> item ]
        | _ -> None

    /// Whether `answer` equals `expected` (item by item for sequences other than strings), printed as a line.
    static member Check<'T>(number: int, title: string, answer: 'T, expected: 'T) : unit =
        let verdict =
            match box answer, box expected with
            | null, _ -> Error "no answer yet: fill in the cell above."
            | given, wanted ->
                match Exercise.Items given, Exercise.Items wanted with
                | Some given, Some wanted when given.Length <> wanted.Length ->
                    Error $"your answer has {given.Length} items; the right one has {wanted.Length}."
                | Some given, Some wanted ->
                    match List.zip given wanted |> List.tryFindIndex (fun (a, b) -> not (Object.Equals(a, b))) with
                    | Some index -> Error $"the items differ from position {index} on (counting from 0)."
                    | None -> Ok()
                | _ when Object.Equals(given, wanted) -> Ok()
                | _ -> Error $"your answer is {given}; that is not it yet."
        match verdict with
        | Ok() -> Console.WriteLine $"Exercise {number} ({title}): correct."
        | Error hint -> Console.WriteLine $"Exercise {number} ({title}): not yet: {hint}"
