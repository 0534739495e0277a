namespace AgentTokens.Interactive

open System.Runtime.CompilerServices

/// What referencing AgentTokens.Interactive does, with no call from the notebook: the package's kernel extension
/// (interactive-extensions/dotnet/extension.dib, which the kernel runs when the package is referenced) and the
/// repository's load cell (artifacts/notebook-refs/notebook.fsx) both call `Extension.load`.
[<RequireQualifiedAccess>]
module Extension =
    // Kept out of line so that nothing of Plotly.NET is compiled before the FSharp.Core answer is registered.
    [<MethodImpl(MethodImplOptions.NoInlining)>]
    let private registerFormatters () = Formatters.register ()

    /// Lets Plotly.NET bind to the kernel's FSharp.Core, then registers the formatters. Harmless to repeat.
    let load () =
        FSharpCoreBinding.ensure ()
        registerFormatters ()
