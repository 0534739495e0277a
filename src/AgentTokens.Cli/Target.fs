/// Where a command's tokens come from: Astro (from the environment) or an in-process sandbox.
module AgentTokens.Cli.Target

open System
open System.Threading.Tasks
open AgentTokens.FSharp
open AgentTokens.Sandbox

/// A connection and a description of it; disposing stops the sandbox, if one was started.
type Target =
    { Connection: Connection
      Description: string
      Now: DateTimeOffset
      Sandbox: Sandbox option }

    interface IAsyncDisposable with
        member t.DisposeAsync() =
            t.Connection.Client.Dispose()
            match t.Sandbox with
            | Some s -> s.DisposeAsync()
            | None -> ValueTask.CompletedTask

/// True when the three ASTRO_* variables are all set.
let astroConfigured () =
    Connection.variables |> List.forall (fun v -> not (String.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable v)))

/// An in-process sandbox seeded with `tokens` tokens.
let sandbox (tokens: int) (seed: int) : Task<Target> =
    task {
        let! s = Sandbox.StartAsync(SandboxOptions(Tokens = tokens, Seed = seed))
        return
            { Connection = Connection.create s.BaseAddress s.ApiToken s.OrganizationId s.DeploymentId
              Description = sprintf "sandbox (seed %d, %d tokens)" seed tokens
              Now = s.Now
              Sandbox = Some s }
    }

/// Astro from the environment when configured and not overridden, else a sandbox.
let resolve (forceSandbox: bool) (tokens: int) (seed: int) : Task<Result<Target, string>> =
    task {
        if forceSandbox || not (astroConfigured ()) then
            let! t = sandbox tokens seed
            return Ok t
        else
            match Connection.fromEnvironment () with
            | Ok c ->
                return Ok { Connection = c; Description = sprintf "Astro API, deployment %s" c.DeploymentId; Now = DateTimeOffset.UtcNow; Sandbox = None }
            | Error e -> return Error e
    }
