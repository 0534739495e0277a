/// `agent-tokens completion SHELL`: a script that asks the tool itself what completes a command line (System.CommandLine's
/// [suggest:POSITION] directive), so that the completions always match the installed tool's commands and flags.
module AgentTokens.Cli.Completion

open AgentTokens.Cli.CommandOptions

/// bash: `eval "$(agent-tokens completion bash)"`, in ~/.bashrc to keep it.
let private bash =
    """# agent-tokens completion for bash. Install: eval "$(agent-tokens completion bash)" (in ~/.bashrc to keep it).
_agent_tokens_complete() {
    local IFS=$'\n'
    COMPREPLY=($(agent-tokens "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null))
}
complete -o default -F _agent_tokens_complete agent-tokens
"""

/// zsh: `source <(agent-tokens completion zsh)`, after compinit in ~/.zshrc.
let private zsh =
    """# agent-tokens completion for zsh. Install: source <(agent-tokens completion zsh) (after compinit, in ~/.zshrc to keep it).
_agent_tokens_complete() {
    local line="${(j: :)words[1,CURRENT]}"
    local -a completions
    completions=("${(@f)$(agent-tokens "[suggest:${#line}]" "$line" 2>/dev/null)}")
    compadd -a completions
}
compdef _agent_tokens_complete agent-tokens
"""

/// PowerShell: `agent-tokens completion pwsh | Out-String | Invoke-Expression`, in $PROFILE to keep it.
let private powerShell =
    """# agent-tokens completion for PowerShell. Install: agent-tokens completion pwsh | Out-String | Invoke-Expression (in $PROFILE to keep it).
Register-ArgumentCompleter -Native -CommandName agent-tokens -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    agent-tokens "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
"""

/// The script for a shell.
let script (shell: Shell) =
    match shell with
    | Bash -> bash
    | Zsh -> zsh
    | PowerShell -> powerShell
