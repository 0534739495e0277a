/// What a command line asks for, as typed values: the commands, their options, and the connection flags they share.
/// Bound from System.CommandLine's typed options in CommandLine.fs; the commands take these, never strings.
module AgentTokens.Cli.CommandOptions

open System
open AgentTokens.FSharp

/// Output formats of list and get.
type Format =
    | Table
    | Json
    | Csv

/// Output formats of check and snapshot diff.
type ReportFormat =
    | Text
    | Json

/// The connection flags every command takes (each overrides its ASTRO_* variable), and the run's deadline.
type Shared =
    { Organization: string option
      Deployment: string option
      BaseUrl: string option
      ApiVersion: string option
      Sandbox: bool
      /// The whole run's deadline (--timeout); None for none.
      Timeout: TimeSpan option }

/// `agent-tokens list`.
type ListOptions =
    { Sorts: Sort list
      PageSize: int option
      MaxItems: int option
      Format: Format option
      Lenient: bool
      VerifyBoundaries: bool }

/// `agent-tokens get TOKEN_ID`.
type GetOptions = { TokenId: string; Format: Format option }

/// Where `create` sends the one-time secret.
type SecretDestination =
    /// A new file, readable by its owner only.
    | SecretFile of path: string
    /// Standard output, even when it is not a terminal (--show-secret).
    | ShowSecret
    /// Standard output if it is a terminal; refused otherwise.
    | TerminalOnly

/// `agent-tokens create --name NAME`.
type CreateOptions =
    { Name: string
      Description: string option
      ExpiryDays: int option
      Secret: SecretDestination }

/// How `delete` confirms.
type Confirmation =
    /// --yes: delete without asking.
    | Confirmed
    /// --dry-run: show what would be deleted, delete nothing.
    | DryRun
    /// Ask on a terminal; refuse elsewhere.
    | Ask

/// `agent-tokens delete TOKEN_ID`.
type DeleteOptions = { TokenId: string; Confirmation: Confirmation }

/// `agent-tokens check`.
type CheckOptions =
    { ExpiringWithin: int option
      UnusedFor: int option
      MaxPerDeployment: int option
      Format: ReportFormat option }

/// `agent-tokens snapshot save`: the file, and whether an existing one may be replaced (--force).
type SaveOptions = { File: string; Replace: bool }

/// `agent-tokens snapshot diff OLD [NEW]`.
type DiffOptions = { Old: string; New: string option; Format: ReportFormat option }

/// The shells `agent-tokens completion` writes a script for.
type Shell =
    | Bash
    | Zsh
    | PowerShell

/// A command with its options.
type Command =
    | List of ListOptions
    | Get of GetOptions
    | Create of CreateOptions
    | Delete of DeleteOptions
    /// The folder to write the report to.
    | Report of folder: string option
    | Check of CheckOptions
    | SnapshotSave of SaveOptions
    | SnapshotDiff of DiffOptions
    | Completion of Shell
