/// Commands that delete or reveal: delete shows what goes and asks (or needs --yes), create keeps the one-time secret
/// out of pipes and logs unless told where it may go.
module AgentTokens.Tests.SafeCommandTests

open System
open System.IO
open System.Text.RegularExpressions
open Expecto
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture
open AgentTokens.Tests.CliProcess

let private secretPattern = Regex "astro_[0-9a-f]{40}"

let private has (sandbox: Sandbox) (id: string) = sandbox.Store.Find id |> isNull |> not

let private deletes (sandbox: Sandbox) = sandbox.Requests.Entries |> Seq.filter (fun e -> e.Method = "DELETE") |> Seq.length
let private posts (sandbox: Sandbox) = sandbox.Requests.Entries |> Seq.filter (fun e -> e.Method = "POST") |> Seq.length

let tests =
    testSequenced <| testList "commands that delete or reveal" [
        testCaseTask "delete off a terminal needs --yes; --dry-run shows what would go; deleted and already absent are told apart" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                let token = sandbox.Store.Tokens.[0]
                let unconfirmed = at sandbox [ "delete"; token.Id ]
                expectExit 2 unconfirmed
                Expect.stringContains unconfirmed.Stderr "--yes" "says how to confirm"
                let dry = at sandbox [ "delete"; token.Id; "--dry-run" ]
                expectExit 0 dry
                Expect.stringContains dry.Stdout token.Name "shows the name"
                Expect.stringContains dry.Stdout token.ShortToken "shows the short token"
                Expect.stringContains dry.Stdout "Would delete" "says what would go"
                Expect.stringContains dry.Stdout "nothing was deleted" "and that nothing was done"
                Expect.equal (deletes sandbox) 0 "no DELETE was sent"
                Expect.isTrue (has sandbox token.Id) "still there"
                let deleted = at sandbox [ "delete"; token.Id; "--yes" ]
                expectExit 0 deleted
                Expect.stringContains deleted.Stdout "Deleted" "deleted"
                Expect.isFalse (has sandbox token.Id) "gone"
                let again = at sandbox [ "delete"; token.Id; "--yes" ]
                expectExit 0 again
                Expect.stringContains again.Stdout "already absent" "told apart from a deletion"
                Expect.isFalse (again.Stdout.Contains "Deleted") "not called deleted"
            })

        testCaseTask "delete on a terminal shows the token and asks; no keeps it, yes deletes it" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                let token = sandbox.Store.Tokens.[1]
                let kept = onTerminal sandbox [ "delete"; token.Id ] "n\n"
                expectExit 0 kept
                Expect.stringContains kept.Stdout token.Name "shows the name"
                Expect.stringContains kept.Stdout sandbox.DeploymentId "shows the deployment"
                Expect.isTrue (has sandbox token.Id) "kept"
                let deleted = onTerminal sandbox [ "delete"; token.Id ] "y\n"
                expectExit 0 deleted
                Expect.isFalse (has sandbox token.Id) "deleted"
            })

        testCaseTask "create refuses to print the secret to a pipe unless --show-secret; --secret-file writes it for its owner only" <| fun () ->
            withSandbox (sandboxOptions 0) (fun sandbox -> task {
                let refused = at sandbox [ "create"; "--name"; "piped" ]
                expectExit 2 refused
                Expect.stringContains refused.Stderr "--secret-file" "says where the secret may go"
                Expect.equal (posts sandbox) 0 "nothing was created"
                let shown = at sandbox [ "create"; "--name"; "shown"; "--show-secret" ]
                expectExit 0 shown
                Expect.equal (secretPattern.Matches(shown.Stdout + shown.Stderr).Count) 1 "printed once, as asked"
                let folder = Directory.CreateTempSubdirectory("agent-tokens-secret-").FullName
                let file = Path.Combine(folder, "agent-token")
                let kept = at sandbox [ "create"; "--name"; "kept"; "--secret-file"; file ]
                expectExit 0 kept
                Expect.isFalse (secretPattern.IsMatch(kept.Stdout + kept.Stderr)) "never printed"
                Expect.stringContains kept.Stdout file "says where the secret went"
                Expect.isTrue (secretPattern.IsMatch(File.ReadAllText file)) "the file holds the secret"
                Expect.equal (File.GetUnixFileMode file) (UnixFileMode.UserRead ||| UnixFileMode.UserWrite) "readable by its owner only"
                let before = posts sandbox
                let existing = at sandbox [ "create"; "--name"; "again"; "--secret-file"; file ]
                expectExit 2 existing
                Expect.equal (posts sandbox) before "an existing file is refused before anything is created"
            })

        testCaseTask "create on a terminal shows the secret once, with the warning" <| fun () ->
            withSandbox (sandboxOptions 0) (fun sandbox -> task {
                let shown = onTerminal sandbox [ "create"; "--name"; "on-a-terminal" ] ""
                expectExit 0 shown
                Expect.equal (secretPattern.Matches(shown.Stdout).Count) 1 "shown once"
                Expect.stringContains shown.Stdout "only time" "the warning"
            })
    ]
