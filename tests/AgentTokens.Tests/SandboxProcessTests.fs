/// The standalone sandbox as a process: it prints where it listens, serves, and stops cleanly on SIGTERM.
module AgentTokens.Tests.SandboxProcessTests

open System
open System.Diagnostics
open System.IO
open System.Net.Http
open System.Net.Http.Headers
open Expecto

let private sandboxDll =
    let configuration = if AppContext.BaseDirectory.Contains "/Release/" then "Release" else "Debug"
    Path.Combine(ReadmeTests.repoRoot, "src", "AgentTokens.Sandbox", "bin", configuration, "net10.0", "AgentTokens.Sandbox.dll")

let tests =
    testList "standalone sandbox" [
        testCaseTask "prints its address, organization and deployment, answers with a bearer token, and stops on SIGTERM" <| fun () -> task {
            let info = ProcessStartInfo("dotnet", RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false)
            for a in [ sandboxDll; "--port"; "0"; "--tokens"; "30"; "--seed"; "7"; "--api-token"; "process-token" ] do info.ArgumentList.Add a
            use p = Process.Start info
            try
                let lines = [ for _ in 1..3 -> p.StandardOutput.ReadLine() ]
                let address = lines.[0].Substring(lines.[0].IndexOf "http")
                let value (line: string) = line.Substring(line.IndexOf ':' + 1).Trim()
                let org, dep = value lines.[1], value lines.[2]
                use http = new HttpClient()
                use request = new HttpRequestMessage(HttpMethod.Get, sprintf "%sv1/organizations/%s/deployments/%s/agent-tokens?limit=5&sorts=createdAt:desc" address org dep)
                request.Headers.Authorization <- AuthenticationHeaderValue("Bearer", "process-token")
                use! response = http.SendAsync request
                Expect.equal (int response.StatusCode) 200 "answers"
                let! body = response.Content.ReadAsStringAsync()
                Expect.equal ((SandboxFixture.json body).GetProperty("tokens").GetArrayLength()) 5 "five tokens"
                Expect.isFalse ((String.concat "\n" lines).Contains "process-token") "the bearer token is not printed"
                use kill = Process.Start("kill", [ "-TERM"; string p.Id ])
                kill.WaitForExit()
                Expect.isTrue (p.WaitForExit 10_000) "stopped within 10 s of SIGTERM"
                Expect.equal p.ExitCode 0 "cleanly"
            finally
                if not p.HasExited then p.Kill true }
    ]
