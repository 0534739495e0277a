/// report, check and snapshot as processes against the sandbox's embedded organization and small sandboxes.
module AgentTokens.Tests.OrganizationCliTests

open System
open System.IO
open System.Text.Json
open Expecto
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture
open AgentTokens.Tests.CliProcess

/// The tool against the embedded organization (--sandbox), with no Astro settings.
let private embedded (args: string list) = Processes.run "dotnet" (toolDll :: args @ [ "--sandbox" ]) ReadmeTests.repoRoot [] (TimeSpan.FromMinutes 2.0)

/// The tool against a sandbox's whole organization (no deployment).
let private organizationOf (sandbox: Sandbox) (args: string list) =
    cli sandbox.ApiToken (args @ [ "--base-url"; string sandbox.BaseAddress; "--organization"; sandbox.OrganizationId ])

let tests =
    testSequenced <| testList "organization commands" [
        testCaseTask "check: a JSON array of findings in the documented shape, exit 5; text groups them by deployment" <| fun () ->
            withSandbox SandboxOptions.EmbeddedOrganization (fun sandbox -> task {
                let json = organizationOf sandbox [ "check"; "--format"; "json" ]
                expectExit 5 json
                let findings = JsonDocument.Parse(json.Stdout).RootElement
                Expect.isGreaterThan (findings.GetArrayLength()) 0 "findings"
                let rules = [ for f in findings.EnumerateArray() -> f.GetProperty("rule").GetString() ] |> Set.ofList
                Expect.isTrue (Set.isSubset rules (Set.ofList [ "expired"; "expiring"; "unused"; "crowded" ])) "only the four rules"
                Expect.isTrue (rules.Contains "crowded") "the embedded organization has a crowded deployment"
                for f in findings.EnumerateArray() do
                    let names = [ for p in f.EnumerateObject() -> p.Name ]
                    Expect.equal names [ "rule"; "deploymentId"; "deploymentName"; "tokenId"; "tokenName"; "detail" ] "the fields, in order"
                    if f.GetProperty("rule").GetString() = "crowded" then
                        Expect.equal (f.GetProperty("tokenId").ValueKind, f.GetProperty("tokenName").ValueKind) (JsonValueKind.Null, JsonValueKind.Null) "no token for crowded"
                let remote = sandbox.Organization.DeploymentList |> Seq.filter (fun d -> d.RemoteExecution) |> Seq.map (fun d -> d.Id) |> Set.ofSeq
                let covered = [ for f in findings.EnumerateArray() -> f.GetProperty("deploymentId").GetString() ] |> Set.ofList
                Expect.isTrue (Set.isSubset covered remote) "Remote Execution deployments only"
                let text = organizationOf sandbox [ "check"; "--format"; "text" ]
                expectExit 5 text
                Expect.stringContains text.Stdout "finding(s)" "grouped by deployment"
            })

        testCaseTask "check: exit 0 with no finding, 2 without settings (a gate never checks the sandbox by itself)" <| fun () ->
            withSandbox (sandboxOptions 0) (fun sandbox -> task {
                let clean = at sandbox [ "check"; "--format"; "json" ]
                expectExit 0 clean
                Expect.equal (JsonDocument.Parse(clean.Stdout).RootElement.GetArrayLength()) 0 "no finding"
                let unset = Processes.run "dotnet" [ toolDll; "check" ] ReadmeTests.repoRoot [] (TimeSpan.FromMinutes 1.0)
                expectExit 2 unset
            })

        testCaseTask "report covers every Remote Execution deployment: the summary counts them and their tokens" <| fun () ->
            withSandbox SandboxOptions.EmbeddedOrganization (fun sandbox -> task {
                let out = Path.Combine(ReadmeTests.repoRoot, "artifacts", "cli-report-organization")
                let report = organizationOf sandbox [ "report"; "--out"; out ]
                expectExit 0 report
                let remote = sandbox.Organization.DeploymentList |> Seq.filter (fun d -> d.RemoteExecution) |> List.ofSeq
                let tokens = remote |> List.sumBy (fun d -> sandbox.Organization.Deployments.[d.Id].Count)
                Expect.stringContains report.Stdout (sprintf "Deployments: %d" remote.Length) "every Remote Execution deployment"
                Expect.stringContains report.Stdout (sprintf "Tokens:                     %d" tokens) "every token"
                let html = File.ReadAllText(Path.Combine(out, "token-health.html"))
                Expect.stringContains html "<caption>Deployments</caption>" "the table of deployments"
                for d in remote do Expect.stringContains html d.Name (sprintf "%s is listed" d.Name)
                let single = at sandbox [ "report"; "--out"; out ]
                expectExit 0 single
                Expect.stringContains single.Stdout "Deployments: 1" "--deployment narrows it to one"
            })

        testCaseTask "snapshot save then diff: equal is exit 0; a created and a deleted token are told, exit 5, in text and JSON" <| fun () ->
            withSandbox (SandboxOptions(Tokens = 6, Deployments = 3, RemoteExecutionShare = 1.0, Seed = 3, Now = Nullable fixedNow)) (fun sandbox -> task {
                let folder = Directory.CreateTempSubdirectory("agent-tokens-snapshots-").FullName
                let first = Path.Combine(folder, "first.json")
                expectExit 0 (organizationOf sandbox [ "snapshot"; "save"; "--out"; first ])
                Expect.isFalse (Text.RegularExpressions.Regex.IsMatch(File.ReadAllText first, "astro_[0-9a-f]{40}")) "no secret"
                let same = organizationOf sandbox [ "snapshot"; "diff"; first; "--format"; "json" ]
                expectExit 0 same
                use client = clientFor sandbox
                let! created = client.CreateAsync(sandbox.OrganizationId, sandbox.DeploymentId, "new-pool")
                let gone = sandbox.Organization.Deployments.[sandbox.DeploymentIds.[1]].Tokens.[0]
                do! client.DeleteAsync(sandbox.OrganizationId, sandbox.DeploymentIds.[1], gone.Id)
                let changed = organizationOf sandbox [ "snapshot"; "diff"; first; "--format"; "json" ]
                expectExit 5 changed
                let diff = JsonDocument.Parse(changed.Stdout).RootElement
                Expect.equal [ for e in diff.GetProperty("added").EnumerateArray() -> e.GetProperty("tokenId").GetString() ] [ created.Id ] "created"
                Expect.equal [ for e in diff.GetProperty("removed").EnumerateArray() -> e.GetProperty("tokenId").GetString() ] [ gone.Id ] "deleted"
                let second = Path.Combine(folder, "second.json")
                expectExit 0 (organizationOf sandbox [ "snapshot"; "save"; "--out"; second ])
                let text = organizationOf sandbox [ "snapshot"; "diff"; first; second; "--format"; "text" ]
                expectExit 5 text
                Expect.stringContains text.Stdout "+ created new-pool" "the created token"
                Expect.stringContains text.Stdout "- deleted" "the deleted token"
            })

        testCaseTask "the table fits the terminal's width, long cells cut with an ellipsis" <| fun () ->
            withSandbox (sandboxOptions 12) (fun sandbox -> task {
                let shown = onTerminal sandbox [ "list" ] "" 
                expectExit 0 shown
                let lines =
                    shown.Stdout.Replace("\u001b[?1h\u001b=", "").Replace("\u001b[?1l\u001b>", "").Split('\n')
                    |> Array.map (fun l -> l.TrimEnd('\r')) |> Array.filter (fun l -> l <> "")
                Expect.all lines (fun l -> l.Length <= 90) (sprintf "every line within the 90 columns (%A)" (lines |> Array.map String.length))
                Expect.isTrue (lines |> Array.exists (fun l -> l.Contains "…")) "something was shortened"
            })
    ]
