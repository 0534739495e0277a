/// The tool as a user on this platform installs it: the linux-x64 package, compiled ahead of time (Native AOT), which
/// hands `report` and `snapshot` to the managed build beside it. Every command behaves as the managed build does: the
/// same exit code and the same bytes on stdout and stderr, on sandboxes that start alike.
module AgentTokens.Tests.NativeToolTests

open System
open System.Diagnostics
open System.IO
open System.Threading.Tasks
open Expecto
open AgentTokens.Sandbox
open AgentTokens.Tests.SandboxFixture
open AgentTokens.Tests.CliProcess

/// A version of its own for each run, so that no cached package of an earlier run is installed.
let private version = "0.0.0-native." + DateTime.UtcNow.ToString "yyyyMMddHHmmss"

/// The tool's three packages as `./build.sh pack` makes them, and the tool installed from them into a tool path of
/// its own, as `dotnet tool install` does.
let private installed =
    lazy
        (let folder = Directory.CreateTempSubdirectory("agent-tokens-tool-").FullName
         let packed =
             Processes.run "dotnet"
                 [ "pack"; Path.Combine("src", "AgentTokens.Cli"); "-c"; "Release"; "-o"; Path.Combine(folder, "packages")
                   "-p:MinVerVersionOverride=" + version; "-v"; "quiet"; "-nologo" ]
                 ReadmeTests.repoRoot [] (TimeSpan.FromMinutes 15.0)
         if packed.ExitCode <> 0 then failwith ("pack: " + packed.Stdout + packed.Stderr)
         let tool =
             Processes.run "dotnet"
                 [ "tool"; "install"; "AgentTokens.Cli"; "--version"; version; "--tool-path"; Path.Combine(folder, "tool"); "--add-source"; Path.Combine(folder, "packages") ]
                 folder [] (TimeSpan.FromMinutes 5.0)
         if tool.ExitCode <> 0 then failwith ("install: " + tool.Stdout + tool.Stderr)
         folder)

let private native () = { File = Path.Combine(installed.Value, "tool", "agent-tokens"); Prefix = [] }

/// `run` on a new sandbox made by `options`, stopped afterwards.
let private onFresh (options: SandboxOptions) (run: Sandbox -> 'T) =
    task {
        let! sandbox = Sandbox.StartAsync options
        try
            return run sandbox
        finally
            sandbox.DisposeAsync().AsTask().Wait()
    }

/// Runs `args` (given the sandbox) with `tool` on a new sandbox made by `options` and `prepare`.
let private runFresh (options: SandboxOptions) (prepare: Sandbox -> unit) (args: Sandbox -> string list) (tool: Tool) =
    onFresh options (fun sandbox ->
        prepare sandbox
        cliWith tool sandbox.ApiToken (args sandbox))

/// A file or folder the command writes, removed before each run so that both runs start alike.
let private scratch = Path.Combine(Path.GetTempPath(), "agent-tokens-native-" + string (Process.GetCurrentProcess().Id))

let private clean () =
    if Directory.Exists scratch then Directory.Delete(scratch, true)
    Directory.CreateDirectory scratch |> ignore

/// What the command left in the scratch folder: relative paths and contents.
let private written () =
    [ for f in Directory.GetFiles(scratch, "*", SearchOption.AllDirectories) |> Array.sort -> Path.GetRelativePath(scratch, f), File.ReadAllText f ]

/// The native tool and the managed build on identical sandboxes: the same exit code, stdout, stderr and files, the
/// files' contents compared as `essence` reads them.
let private alikeWriting (essence: string -> string) (name: string) (options: unit -> SandboxOptions) (prepare: Sandbox -> unit) (args: Sandbox -> string list) =
    testCaseTask name <| fun () -> task {
        clean ()
        let! fromNative = runFresh (options ()) prepare args (native ())
        let nativeFiles = written ()
        clean ()
        let! fromManaged = runFresh (options ()) prepare args managed
        let managedFiles = written ()
        Expect.equal fromNative.ExitCode fromManaged.ExitCode ("exit code; native stderr: " + fromNative.Stderr + "; managed stderr: " + fromManaged.Stderr)
        Expect.equal fromNative.Stdout fromManaged.Stdout "stdout"
        Expect.equal fromNative.Stderr fromManaged.Stderr "stderr"
        Expect.equal (nativeFiles |> List.map fst) (managedFiles |> List.map fst) "the files written"
        Expect.isTrue ([ for _, c in nativeFiles -> essence c ] = [ for _, c in managedFiles -> essence c ]) "the files' contents"
    }

/// The same, files compared byte for byte.
let private alike = alikeWriting id

/// A report or snapshot of a live server is taken at the time of the run (the clock, not the sandbox's): what is
/// compared is what does not depend on that time. In a snapshot, everything but its time.
let private snapshotEssence (text: string) =
    let node = System.Text.Json.Nodes.JsonNode.Parse(text).AsObject()
    node.Remove "takenAt" |> ignore
    node.ToJsonString()

/// In a report page: its charts and its tables' captions.
let private reportEssence (text: string) =
    Text.RegularExpressions.Regex.Matches(text, "data-chart=\"[^\"]+\"|<caption>[^<]*</caption>") |> Seq.map (fun m -> m.Value) |> String.concat "\n"

let private tokens n () = sandboxOptions n
let private organization () = SandboxOptions(Tokens = 12, Deployments = 5, Seed = 11, Now = Nullable fixedNow)
let private none (_: Sandbox) = ()
let private withFault (fault: Fault) (sandbox: Sandbox) = sandbox.Faults.Add(FaultRule(fault, FaultTrigger.EveryNth 1)) |> ignore
let private at (args: string list) (sandbox: Sandbox) = args @ pointedAt sandbox
let private plain (args: string list) (_: Sandbox) = args
/// The whole organization: the connection flags without --deployment.
let private atOrganization (args: string list) (sandbox: Sandbox) =
    args @ [ "--base-url"; string sandbox.BaseAddress; "--organization"; sandbox.OrganizationId ]
let private inScratch (name: string) = Path.Combine(scratch, name)
let private first (sandbox: Sandbox) = sandbox.Store.Tokens.[0]

let tests =
    testSequenced <| testList "the native tool" [
        test "installs from this platform's package: a native executable, the managed build beside it" {
            let packages = Directory.GetFiles(Path.Combine(installed.Value, "packages")) |> Array.map Path.GetFileName |> Set.ofArray
            Expect.equal packages (set [ for p in [ ""; ".any"; ".linux-x64" ] -> "AgentTokens.Cli" + p + "." + version + ".nupkg" ]) "a pointer package, a portable one and this platform's"
            let entry = FileInfo(Path.Combine(installed.Value, "tool", "agent-tokens")).ResolveLinkTarget(true)
            Expect.isNotNull entry "the command links into the tool's store"
            let folder = Path.GetDirectoryName entry.FullName
            Expect.stringContains folder "linux-x64" "the platform's package was chosen"
            Expect.isFalse (File.Exists(Path.Combine(folder, "agent-tokens.dll"))) "no managed entry assembly beside the executable: it is native"
            Expect.isTrue (File.Exists(Path.Combine(folder, AgentTokens.Cli.Managed.folder, "agent-tokens.dll"))) "the managed build is beside it"
        }

        alike "help" (tokens 1) none (plain [ "--help" ])
        alike "a command's help" (tokens 1) none (plain [ "list"; "--help" ])
        alike "an unknown command" (tokens 1) none (plain [ "bogus" ])
        alike "a bad format" (tokens 1) none (at [ "list"; "--format"; "xml" ])
        alike "a bad sort" (tokens 1) none (at [ "list"; "--sort"; "colour:asc" ])
        alike "no settings" (tokens 1) none (plain [ "list" ])
        alike "list as JSON" (tokens 30) none (at [ "list"; "--format"; "json" ])
        alike "list as CSV, sorted, at most 7" (tokens 30) none (at [ "list"; "--format"; "csv"; "--sort"; "name:asc"; "--max-items"; "7" ])
        alike "list as a table on a pipe, small pages" (tokens 30) none (at [ "list"; "--format"; "table"; "--page-size"; "4" ])
        alike "get" (tokens 5) none (fun s -> at [ "get"; (first s).Id; "--format"; "json" ] s)
        alike "get an absent token" (tokens 5) none (at [ "get"; "absent-token" ])
        alike "check as text, over an organization" organization none (atOrganization [ "check"; "--format"; "text" ])
        alike "check as JSON, one deployment" (tokens 20) none (at [ "check"; "--format"; "json" ])
        alike "delete without --yes off a terminal" (tokens 3) none (fun s -> at [ "delete"; (first s).Id ] s)
        alike "delete --dry-run" (tokens 3) none (fun s -> at [ "delete"; (first s).Id; "--dry-run" ] s)
        alike "delete --yes" (tokens 3) none (fun s -> at [ "delete"; (first s).Id; "--yes" ] s)
        alike "delete an absent token" (tokens 3) none (at [ "delete"; "absent-token"; "--yes" ])
        alike "create to a pipe without --show-secret" (tokens 3) none (at [ "create"; "--name"; "ci-agent" ])
        alikeWriting reportEssence "report (the managed build)" organization none (atOrganization [ "report"; "--out"; inScratch "report" ])
        alikeWriting snapshotEssence "snapshot save (the managed build)" (tokens 8) none (at [ "snapshot"; "save"; "--out"; inScratch "snapshot.json" ])
        alike "snapshot diff of an unreadable file" (tokens 8) none (at [ "snapshot"; "diff"; inScratch "absent.json" ])
        alike "a first page claiming 2147483647 tokens" (tokens 5) (withFault (Fault.LyingTotal Int32.MaxValue)) (at [ "list"; "--format"; "json" ])
        alike "a gzip body that inflates to 2 GiB" (tokens 5) (withFault (Fault.GzipBomb(2L * 1024L * 1024L * 1024L))) (at [ "list"; "--format"; "json" ])
        alike "names with control characters in a table" (tokens 5) (withFault (Fault.HostileNames())) (at [ "list"; "--format"; "table" ])
        alike "names with control characters in CSV" (tokens 5) (withFault (Fault.HostileNames())) (at [ "list"; "--format"; "csv" ])
        alike "an error with control characters" (tokens 5) (withFault (Fault.HostileError())) (at [ "list" ])
        alike "a 403" (tokens 5) (withFault (Fault.Forbidden())) (at [ "list" ])
        alike "no server" (tokens 1) none (plain [ "list"; "--base-url"; "http://127.0.0.1:9/"; "--organization"; "o"; "--deployment"; "d" ])
        alike "the embedded sandbox" (tokens 1) none (plain [ "--sandbox"; "list"; "--max-items"; "3"; "--format"; "json" ])

        testCaseTask "a table on a terminal, fitted to its width" <| fun () -> task {
            let onTerminalOf tool = onFresh (sandboxOptions 12) (fun sandbox -> onTerminalWith tool sandbox [ "list"; "--max-items"; "6" ] "")
            let! fromNative = onTerminalOf (native ())
            let! fromManaged = onTerminalOf managed
            expectExit 0 fromNative
            Expect.stringContains fromNative.Stdout "NAME" "a table with its header"
            Expect.equal fromNative.Stdout fromManaged.Stdout "the same table"
        }

        testCaseTask "snapshot diff (the managed build) against the live state it was taken from, then after a delete" <| fun () ->
            withSandbox (sandboxOptions 6) (fun sandbox -> task {
                clean ()
                let file = inScratch "before.json"
                let run args = cliWith (native ()) sandbox.ApiToken (at args sandbox)
                expectExit 0 (run [ "snapshot"; "save"; "--out"; file ])
                expectExit 0 (run [ "snapshot"; "diff"; file; "--format"; "text" ])
                expectExit 0 (run [ "delete"; (first sandbox).Id; "--yes" ])
                let changed = run [ "snapshot"; "diff"; file; "--format"; "text" ]
                expectExit 5 changed
                Expect.stringContains changed.Stdout "- deleted" "the deleted token"
            })

        testCaseTask "create writes the secret to --secret-file, and delete asks on a terminal" <| fun () ->
            withSandbox (sandboxOptions 3) (fun sandbox -> task {
                clean ()
                let file = inScratch "secret"
                let created = cliWith (native ()) sandbox.ApiToken (at [ "create"; "--name"; "native-agent"; "--secret-file"; file ] sandbox)
                expectExit 0 created
                Expect.stringContains created.Stdout file "says where the secret went"
                Expect.isTrue ((File.ReadAllText file).StartsWith "astro_") "the secret is in the file"
                Expect.isFalse (created.Stdout.Contains(File.ReadAllText file)) "and nowhere else"
                let target = first sandbox
                let asked = onTerminalWith (native ()) sandbox [ "delete"; target.Id ] "y\n"
                expectExit 0 asked
                Expect.stringContains asked.Stdout "[y/N]" "asks"
                Expect.stringContains asked.Stdout "Deleted" "and deletes when told yes"
                Expect.isNull (sandbox.Store.Find target.Id) "gone"
            })

        test "the native executable copied alone still lists, and says plainly that report needs its managed build" {
            let alone = Directory.CreateTempSubdirectory("agent-tokens-alone-").FullName
            let copy = Path.Combine(alone, "agent-tokens")
            File.Copy(FileInfo((native ()).File).ResolveLinkTarget(true).FullName, copy)
            let listed = Processes.run copy [ "--sandbox"; "list"; "--max-items"; "2"; "--format"; "json" ] alone [] (TimeSpan.FromMinutes 1.0)
            expectExit 0 listed
            let report = Processes.run copy [ "--sandbox"; "report"; "--out"; Path.Combine(alone, "report") ] alone [] (TimeSpan.FromMinutes 1.0)
            expectExit 2 report
            expectOneLineError report
            Expect.stringContains report.Stderr "managed build" "names what is missing"
        }

        testCaseTask "report hands over by becoming the managed build (execv, same PID): SIGHUP and SIGKILL leave no process behind" <| fun () -> task {
            let exeOf (pid: int) = try Some(FileInfo($"/proc/{pid}/exe").ResolveLinkTarget(false).FullName) with _ -> None
            for signal in [ "HUP"; "KILL" ] do
                do! withSandbox (sandboxOptions 5) (fun sandbox -> task {
                    sandbox.Faults.Add(FaultRule(Fault.Latency(TimeSpan.FromSeconds 60.0), FaultTrigger.EveryNth 1)) |> ignore
                    let info = ProcessStartInfo((native ()).File, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false)
                    for a in at [ "report"; "--out"; inScratch ("report-" + signal) ] sandbox do info.ArgumentList.Add a
                    info.Environment.["ASTRO_API_TOKEN"] <- sandbox.ApiToken
                    use p = Process.Start info
                    let _ = p.StandardOutput.ReadToEndAsync()
                    let _ = p.StandardError.ReadToEndAsync()
                    let waited = Stopwatch.StartNew()
                    let managedExe () = exeOf p.Id |> Option.filter (fun e -> e.Contains("/" + AgentTokens.Cli.Managed.folder + "/"))
                    while managedExe().IsNone && waited.Elapsed < TimeSpan.FromSeconds 30.0 && not p.HasExited do
                        do! Task.Delay 50
                    let exe = managedExe ()
                    Expect.isSome exe (sprintf "the process %d itself became the managed build (execv)" p.Id)
                    use killer = Process.Start("kill", [ "-" + signal; string p.Id ])
                    killer.WaitForExit()
                    Expect.isTrue (p.WaitForExit 15_000) (sprintf "SIGHUP ends it: %s" signal)
                    let left =
                        [ for d in Directory.GetDirectories "/proc" do
                            match Int32.TryParse(Path.GetFileName d) with
                            | true, pid when exeOf pid = exe -> yield pid
                            | _ -> () ]
                    Expect.isEmpty left (sprintf "no managed build left running after SIG%s" signal)
                })
        }

        testCaseTask "serves the embedded organization and stops on Ctrl+C (SIGINT)" <| fun () -> task {
            let info = ProcessStartInfo((native ()).File, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false)
            for a in [ "sandbox"; "--port"; "0"; "--api-token"; "native-token" ] do info.ArgumentList.Add a
            use p = Process.Start info
            try
                let lines = [ for _ in 1..3 -> p.StandardOutput.ReadLine() ]
                let address = lines.[0].Substring(lines.[0].IndexOf "http")
                let value (line: string) = line.Substring(line.IndexOf ':' + 1).Trim()
                let listed =
                    Processes.run (native ()).File [ "list"; "--base-url"; address; "--organization"; value lines.[1]; "--deployment"; value lines.[2]; "--format"; "json" ]
                        ReadmeTests.repoRoot [ "ASTRO_API_TOKEN", "native-token" ] (TimeSpan.FromMinutes 1.0)
                expectExit 0 listed
                Expect.isGreaterThan ((json listed.Stdout).GetArrayLength()) 0 "tokens from the native sandbox"
                use interrupt = Process.Start("kill", [ "-INT"; string p.Id ])
                interrupt.WaitForExit()
                Expect.isTrue (p.WaitForExit 10_000) "stopped within 10 s of SIGINT"
                Expect.equal p.ExitCode 0 "cleanly"
            finally
                if not p.HasExited then p.Kill true
        }
    ]
