/// The kinds of option the tool's command line declares, each a typed System.CommandLine option whose value is
/// checked as it is parsed (ranges, blank text, a closed set of words): a bad value is a parse error that names it.
module internal AgentTokens.Cli.OptionKinds

open System
open System.CommandLine
open System.CommandLine.Parsing
open System.Globalization

let escape (text: string) = AgentTokens.TerminalText.Escape text

let describe (option: Option) (help: string) (valueName: string option) =
    option.Description <- help
    valueName |> Option.iter (fun v -> option.HelpName <- v)

/// An option whose value is read by `read` (an Error is the usage error that names it); None when not given.
let valued (name: string) (aliases: string list) (valueName: string) (help: string) (read: string -> Result<'T, string>) =
    let option = Option<'T option>(name, Array.ofList aliases)
    describe option help (Some valueName)
    option.CustomParser <-
        Func<ArgumentResult, 'T option>(fun result ->
            let given = result.Tokens.[result.Tokens.Count - 1].Value
            match read given with
            | Ok value -> Some value
            | Error message ->
                result.AddError message
                None)
    option

let text name aliases valueName help =
    valued name aliases valueName help (fun (value: string) ->
        if String.IsNullOrWhiteSpace value then Error $"{name} needs a value that is not blank." else Ok value)

/// A whole number between `low` and `high`.
let number name valueName help (low: int) (high: int) =
    valued name [] valueName help (fun (value: string) ->
        match Int32.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) with
        | true, n when n >= low && n <= high -> Ok n
        | true, _ -> Error $"{name} must be between {low} and {high}, not {escape value}."
        | _ -> Error $"{name} expects a whole number between {low} and {high}, not '{escape value}'.")

/// One of a few words, completed by the shell.
let choice name aliases help (choices: (string * 'T) list) =
    let words = choices |> List.map fst
    let option =
        valued name aliases (String.concat "|" words) help (fun (value: string) ->
            match choices |> List.tryFind (fun (word, _) -> String.Equals(word, value, StringComparison.OrdinalIgnoreCase)) with
            | Some(_, chosen) -> Ok chosen
            | None ->
                let expected = String.concat ", " words
                Error $"{name} expects {expected}, not '{escape value}'.")
    CompletionSourceExtensions.Add(option.CompletionSources, Array.ofList words)
    option

let switch (name: string) (help: string) =
    let option = Option<bool>(name)
    describe option help None
    option

let required (option: Option<'T>) =
    option.Required <- true
    option

/// A positional argument that must not be blank.
let positional (name: string) (help: string) =
    let argument = Argument<string>(name, Description = help)
    argument.Validators.Add(fun result ->
        if result.Tokens.Count > 0 && String.IsNullOrWhiteSpace result.Tokens.[0].Value then result.AddError $"{name} must not be blank.")
    argument

