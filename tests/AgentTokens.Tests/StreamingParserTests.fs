/// The client's streaming page parser: the same meaning as the source-generated contract, whatever the blocks.
module AgentTokens.Tests.StreamingParserTests

open System
open System.Text
open System.Text.Json
open System.Threading
open Expecto
open FsCheck
open FsCheck.FSharp
open AgentTokens
open AgentTokens.Tests.Fixtures
open AgentTokens.Tests.SandboxFixture

/// A JSON string literal.
let private str (s: string) = JsonSerializer.Serialize s

/// A property name written with every character escaped: it must still match.
let private escapedName (name: string) = "\"" + String.Join("", name |> Seq.map (fun c -> sprintf "\\u%04x" (int c))) + "\""

/// Mostly valid values, sometimes one the contract refuses.
let private value (valid: string list) (invalid: string list) =
    if invalid.IsEmpty then Gen.elements valid
    else Gen.frequency [ 30, Gen.elements valid; 1, Gen.elements invalid ]

let private dates = [ "\"2024-01-02T03:04:05Z\""; "\"2024-01-02T03:04:05.1234567+02:00\""; "\"2024-01-02T03:04:05\"" ]
let private badDates = [ "\"2024-13-01T00:00:00Z\""; "\"yesterday\""; "12345"; "true" ]

let private genSubject =
    gen {
        let! subjectType = value [ "\"USER\""; "\"SERVICEKEY\""; "\"ROBOT\""; "null" ] [ "7" ]
        let! name = Gen.elements [ None; Some "\"fullName\":\"Jane Doe\""; Some "\"apiTokenName\":\"ci\",\"avatarUrl\":null" ]
        let! id = value [ "\"u1\""; "\"u2\"" ] [ "null"; "{}" ]
        let! hasId = Gen.frequency [ 30, Gen.constant true; 1, Gen.constant false ]
        let fields = [ if hasId then yield sprintf "\"id\":%s" id
                       yield sprintf "\"subjectType\":%s" subjectType
                       yield! Option.toList name ]
        return "{" + String.Join(",", fields) + "}"
    }

let private genRole =
    gen {
        let! entityType = value [ "\"DAG\""; "\"DAG_TAG\""; "\"WORKSPACE\""; "\"TEAM\""; "\"D\\u0041G\"" ] [ "null"; "1" ]
        let! role = value [ "\"DEPLOYMENT_ADMIN\""; "\"custom \\\"role\\\"\"" ] [ "null"; "[]" ]
        let! deployment = Gen.elements [ ""; ",\"deploymentId\":\"dep\""; ",\"deploymentId\":null" ]
        let! extra = Gen.elements [ ""; ",\"future\":{\"x\":[1,{}]}" ]
        return sprintf "{\"entityId\":\"e1\",\"entityType\":%s,\"role\":%s%s%s}" entityType role deployment extra
    }

/// Token JSON with fields in any order, optional ones absent or null, unknown and duplicated fields, escaped
/// names and values, unknown enumeration values, and now and then a value the contract refuses.
let private genTokenJson =
    gen {
        let! id = value [ "\"clm1\""; "\"clm2\""; "\"a\\\"b\""; "\"\\u00fc\"" ] [ "null"; "42" ]
        let! name = value [ str "name"; str "</script>"; str "日本" ] [ "null"; "true" ]
        let! description = value [ "\"\""; str "d" ] [ "null"; "[]" ]
        let! kind = value [ "\"STANDARD\""; "\"DIRECT_ACCESS\""; "\"FUTURE\""; "\"\\u0053TANDARD\"" ] [ "null"; "42" ]
        let! typ = value [ "\"DEPLOYMENT\""; "\"WORKSPACE\""; "\"NEW\"" ] [ "null"; "{}" ]
        let! typeField = Gen.elements [ "type"; "scope"; "both"; "both-scope-null" ]
        let! shortToken = value [ "\"short\"" ] [ "null" ]
        let! secret = Gen.elements [ None; Some "\"secret\""; Some "null" ]
        let! created = value dates badDates
        let! updated = value dates badDates
        let! started = value dates badDates
        let! ending = value ("null" :: dates) [ "\"soon\"" ]
        let! used = value ("null" :: dates) [ "0" ]
        let! rotated = value ("null" :: dates) [ "false" ]
        let! expiry = value [ "30"; "null"; "3650" ] [ "1.5"; "\"30\""; "99999999999" ]
        let! createdBy = Gen.frequency [ 1, Gen.constant "null"; 6, genSubject ]
        let! updatedBy = Gen.frequency [ 1, Gen.constant "null"; 6, genSubject ]
        let! roleCount = Gen.choose (0, 3)
        let! roleList = Gen.listOfLength roleCount genRole
        let! roles = value [ "[" + String.Join(",", roleList) + "]"; "null" ] [ "[null]"; "{}" ]
        let fields =
            [ "id", id; "name", name; "description", description; "kind", kind; "shortToken", shortToken
              "createdAt", created; "updatedAt", updated; "startAt", started; "endAt", ending; "lastUsedAt", used
              "lastRotatedAt", rotated; "expiryPeriodInDays", expiry; "createdBy", createdBy; "updatedBy", updatedBy; "roles", roles
              match typeField with
              | "type" -> "type", typ
              | "scope" -> "scope", typ
              | "both" -> "type", typ
              | _ -> "scope", "null"
              if typeField = "both" then "scope", "\"ORGANIZATION\""
              if typeField = "both-scope-null" then "type", typ
              match secret with Some s -> "token", s | None -> () ]
        let required = set [ "id"; "name"; "kind"; "shortToken"; "createdAt"; "updatedAt"; "startAt" ]
        let! kept = fields |> List.map (fun (n, v) -> Gen.frequency [ (if required.Contains n then 40 else 3), Gen.constant (Some(n, v)); 1, Gen.constant None ]) |> Gen.sequenceToList
        let kept = List.choose (fun field -> field) kept
        let! extra = Gen.elements [ []; [ "brandNew", "{\"nested\":[1,2,{\"deep\":null}]}" ]; [ "id", "\"clm-duplicate\"" ] ]
        let! escapeOne = Gen.choose (0, 40)
        let! order = Gen.shuffle (kept @ extra)
        let written = order |> Array.mapi (fun i (n, v) -> (if i = escapeOne then escapedName n else str n) + ":" + v)
        return "{" + String.Join(",", written) + "}"
    }

let private genPageJson =
    gen {
        let! count = Gen.choose (0, 6)
        let! tokens = Gen.listOfLength count genTokenJson
        let! totalCount = value [ "100" ] [ "\"100\""; "null" ]
        let fields = [ "\"limit\":10"; "\"offset\":0"; "\"tokens\":[" + String.Join(",", tokens) + "]"; "\"totalCount\":" + totalCount; "\"next\":{\"a\":[]}" ]
        let! order = Gen.shuffle fields
        let! spaced = Gen.elements [ ""; " \n\t" ]
        return "{" + String.Join("," + spaced, order) + "}" + spaced
    }

/// Feeds the parser as the network would: blocks cut at the given points; the unread rest is passed again.
let parseInBlocks (bytes: byte[]) (cuts: int list) =
    let parser = PageJsonParser()
    let tokens = ResizeArray<AgentToken>()
    let points = (cuts |> List.map (fun c -> abs c % (bytes.Length + 1)) |> List.filter (fun c -> c < bytes.Length) |> List.distinct |> List.sort) @ [ bytes.Length ]
    let mutable pending = Array.empty<byte>
    let mutable last = 0
    for point in points do
        let block = Array.append pending bytes[last .. point - 1]
        let used = parser.Parse(ReadOnlySpan<byte>(block), (point = bytes.Length), tokens)
        pending <- block[used..]
        last <- point
    let struct (limit, offset, totalCount) = parser.Summary()
    {| Tokens = List.ofSeq tokens; Limit = limit; Offset = offset; TotalCount = totalCount; Count = parser.Count |}

/// A page as the sandbox writes it, made without HTTP.
let private readSandboxPage count =
    let tokens = AgentTokens.Sandbox.DataGenerator(42, fixedNow).Tokens("dep", count) |> Seq.map (fun t -> AgentTokens.Sandbox.WireFormat.Token(t, "type"))
    Encoding.UTF8.GetString(AgentTokens.Sandbox.WireFormat.Page(count, 0, count, tokens))

let private sandboxPage = lazy (Encoding.UTF8.GetBytes(readSandboxPage 25))

/// A stream that hands out one byte per read, as the slowest network would.
type private OneByteStream(bytes: byte[]) =
    inherit IO.Stream()
    let mutable position = 0
    override _.CanRead = true
    override _.CanSeek = false
    override _.CanWrite = false
    override _.Length = int64 bytes.Length
    override _.Position with get () = int64 position and set _ = raise (NotSupportedException())
    override _.Flush() = ()
    override _.Seek(_, _) = raise (NotSupportedException())
    override _.SetLength _ = raise (NotSupportedException())
    override _.Write(_, _, _) = raise (NotSupportedException())
    override _.Read(buffer: byte[], offset, count) =
        if position >= bytes.Length || count = 0 then 0
        else
            buffer[offset] <- bytes[position]
            position <- position + 1
            1

let private outcome f =
    try Ok(f ()) with :? JsonException as e -> Error e.Message

let private sourceGenerated (json: string) =
    outcome (fun () ->
        let page = readPage json
        {| Tokens = List.ofSeq page.Tokens; Limit = page.Limit; Offset = page.Offset; TotalCount = page.TotalCount; Count = page.Tokens.Count |})

let tests =
    testList "streaming page parser" [
        testProperty "reads any page as the source-generated contract does, in any blocks" <|
            Prop.forAll (Arb.fromGen (Gen.zip genPageJson (Gen.listOf (Gen.choose (0, 5000))))) (fun (json, cuts) ->
                let expected = sourceGenerated json
                let actual = outcome (fun () -> parseInBlocks (Encoding.UTF8.GetBytes json) cuts)
                match expected, actual with
                | Ok e, Ok a when e = a -> true
                | Error _, Error _ -> true
                | Ok e, Ok a when e.Tokens.Length = a.Tokens.Length ->
                    let differences =
                        [ for x, y in List.zip e.Tokens a.Tokens do
                            for p in typeof<AgentToken>.GetProperties() do
                                let u, v = p.GetValue x, p.GetValue y
                                if not (Object.Equals(u, v)) && not (p.Name = "Roles" && Seq.forall2 (=) (x.Roles) (y.Roles)) then
                                    yield sprintf "%s: %A <> %A" p.Name u v ]
                    failwithf "differences: %A (page fields %A)\n%s" differences ((e.Limit, e.Offset, e.TotalCount, e.Count), (a.Limit, a.Offset, a.TotalCount, a.Count)) json
                | _ -> failwithf "source-generated: %A\nstreaming: %A\n%s" expected actual json)

        testProperty "the sandbox's pages read the same in any blocks" <|
            Prop.forAll (Arb.fromGen (Gen.listOf (Gen.choose (0, sandboxPage.Value.Length)))) (fun cuts ->
                (parseInBlocks sandboxPage.Value cuts).Tokens = List.ofSeq (readPage (Encoding.UTF8.GetString sandboxPage.Value)).Tokens)

        test "a token is handed out as soon as its object ends, before the page does" {
            let page = Encoding.UTF8.GetBytes(readSandboxPage 3)
            let parser = PageJsonParser()
            let tokens = ResizeArray<AgentToken>()
            let secondEnds = (Encoding.UTF8.GetString page).IndexOf("},{\"id\"", (Encoding.UTF8.GetString page).IndexOf("},{\"id\"") + 1) + 1
            let used = parser.Parse(ReadOnlySpan<byte>(page, 0, secondEnds), false, tokens)
            Expect.equal tokens.Count 2 "two whole tokens out"
            Expect.equal used secondEnds "their bytes used"
            Expect.isFalse parser.IsComplete "the page is not"
        }

        test "a body cut short, an empty body and anything after the page are JsonExceptions" {
            let page = readSandboxPage 3
            for body, why in [ page.Substring(0, page.Length / 2), "cut short"; "", "empty"; page + "{}", "trailing"; "[]", "an array" ] do
                Expect.throws (fun () -> try parseInBlocks (Encoding.UTF8.GetBytes body) [] |> ignore with :? JsonException -> raise (ArgumentException why)) why
                Expect.isError (outcome (fun () -> parseInBlocks (Encoding.UTF8.GetBytes body) [])) why
        }

        testCaseTask "a body read one byte at a time, and a token larger than the read buffer, arrive whole" <| fun () -> task {
            let huge = String('x', 300_000)
            let token = (minimalToken "type").TrimEnd('}') + sprintf ",\"description\":\"%s\"}" huge
            let json = sprintf """{"limit":2,"offset":0,"totalCount":2,"tokens":[%s,%s]}""" token (minimalToken "scope")
            let bytes = Encoding.UTF8.GetBytes json
            let! whole = PageBodies.WholePageAsync(new IO.MemoryStream(bytes), CancellationToken.None)
            Expect.equal whole.Tokens[0].Description huge "the large token, past the 64 KiB buffer"
            let! trickled = PageBodies.WholePageAsync(new OneByteStream(bytes), CancellationToken.None)
            Expect.equal trickled whole "the same page, a byte at a time"
        }

        test "subjects and roles that are byte for byte the same are one shared instance" {
            let subject = """{"id":"u1","subjectType":"USER","fullName":"Jane"}"""
            let token id by = (minimalToken "type").TrimEnd('}') + sprintf ",\"id\":\"%s\",\"createdBy\":%s,\"updatedBy\":%s}" id by subject
            let json = sprintf """{"limit":3,"offset":0,"totalCount":3,"tokens":[%s,%s,%s]}""" (token "a" subject) (token "b" subject) (token "c" """{"id":"u2"}""")
            let tokens = (parseInBlocks (Encoding.UTF8.GetBytes json) []).Tokens
            Expect.isTrue (obj.ReferenceEquals(tokens[0].CreatedBy, tokens[1].CreatedBy)) "shared"
            Expect.isTrue (obj.ReferenceEquals(tokens[0].CreatedBy, tokens[0].UpdatedBy)) "shared across fields"
            Expect.equal tokens[2].CreatedBy.Id "u2" "a different one is its own"
        }
    ]
