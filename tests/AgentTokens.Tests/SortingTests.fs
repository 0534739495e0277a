/// The sandbox's order for each of the 14 sort values and for multi-sort, against an independent sort in the test.
module AgentTokens.Tests.SortingTests

open System
open System.Text.Json
open Expecto
open AgentTokens
open AgentTokens.Tests.SandboxFixture

/// The value a sort field reads from a token's JSON, as a comparable key.
let private key (field: string) (token: JsonElement) : IComparable =
    let text (name: string) = match token.TryGetProperty name with | true, v -> v.GetString() | _ -> null
    let subjectId (name: string) = match token.TryGetProperty name with | true, v -> v.GetProperty("id").GetString() | _ -> null
    match field with
    | "name" -> text "name" :> IComparable
    | "description" -> text "description"
    | "createdAt" -> token.GetProperty("createdAt").GetDateTimeOffset()
    | "updatedAt" -> token.GetProperty("updatedAt").GetDateTimeOffset()
    | "tokenStartAt" -> token.GetProperty("startAt").GetDateTimeOffset()
    | "createdById" -> subjectId "createdBy"
    | "updatedById" -> subjectId "updatedBy"
    | other -> failwithf "no such field %s" other

let private compareKeys (a: IComparable) (b: IComparable) =
    match a, b with
    | (:? string as x), (:? string as y) -> String.CompareOrdinal(x, y)
    | null, null -> 0
    | null, _ -> -1
    | _, null -> 1
    | x, y -> x.CompareTo y

/// Sorts by each sort in turn, then by ID: the order the contract's docs and the sandbox promise.
let independentSort (sorts: string list) (tokens: JsonElement list) =
    let compare a b =
        let byFields =
            sorts |> List.tryPick (fun s ->
                let field, dir = let p = s.Split ':' in p.[0], p.[1]
                let c = compareKeys (key field a) (key field b)
                if c = 0 then None else Some (if dir = "desc" then -c else c))
        defaultArg byFields (String.CompareOrdinal(a.GetProperty("id").GetString(), b.GetProperty("id").GetString()))
    List.sortWith compare tokens |> List.map (fun t -> t.GetProperty("id").GetString())

let private ids (tokens: JsonElement list) = tokens |> List.map (fun t -> t.GetProperty("id").GetString())

let private multiSorts =
    [ [ "createdById:asc"; "createdAt:desc" ]
      [ "description:asc"; "name:desc" ]
      [ "updatedById:desc"; "tokenStartAt:asc"; "name:asc" ] ]

let tests =
    testList "sorting" [
        for sorts in (TokenSort.All |> Seq.map (fun s -> [ string s ]) |> List.ofSeq) @ multiSorts ->
            testCaseTask (sprintf "%s matches an independent sort" (String.concat "," sorts)) <| fun () ->
                withSandbox (sandboxOptions 1200) (fun sandbox -> task {
                    let! unsorted = rawListAll sandbox "iam/v1beta1" []
                    let! sorted = rawListAll sandbox "iam/v1beta1" sorts
                    Expect.equal (ids sorted) (independentSort sorts unsorted) "same order, across page boundaries"
                })
    ]
