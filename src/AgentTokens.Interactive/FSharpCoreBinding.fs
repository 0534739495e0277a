/// Lets Plotly.NET load in a kernel whose FSharp.Core is older than the one Plotly.NET was built against.
module internal AgentTokens.Interactive.FSharpCoreBinding

open System
open System.Reflection
open System.Runtime.Loader
open System.Threading

// Plotly.NET 6 references FSharp.Core 10.1.0.0; the kernel of Microsoft.dotnet-interactive 1.0.712001 carries
// 10.0.0.0, and the runtime refuses an older assembly for a newer reference ("manifest definition does not match").
// A user cannot swap the kernel's FSharp.Core, so the reference is answered with the FSharp.Core the kernel has
// already loaded: what Plotly.NET uses of it is the same in both. Our own F# libraries compile against FSharp.Core
// 6.0 and need no answer. The handler only runs when the runtime has failed to bind FSharp.Core by itself, so where
// the host carries a new enough FSharp.Core (dotnet fsi, an application) it never fires.
let private loaded = typeof<list<int>>.Assembly

/// The FSharp.Core versions this answer exists for: the one Plotly.NET 6 references.
let private answered = set [ Version(10, 1, 0, 0) ]

/// Whether a request is one this answer exists for: FSharp.Core, a version in `answered`, of the same major version as
/// the loaded one (a newer major could lack what the request expects, and is left to fail as it would).
let internal answers (name: AssemblyName) (loadedVersion: Version) =
    String.Equals(name.Name, "FSharp.Core", StringComparison.Ordinal)
    && not (isNull name.Version)
    && answered.Contains name.Version
    && name.Version.Major = loadedVersion.Major

let private answer (_: AssemblyLoadContext) (name: AssemblyName) : Assembly =
    if answers name (loaded.GetName().Version) then loaded else null

let mutable private registered = 0

/// Registers the answer once per process; later calls do nothing.
let ensure () =
    if Interlocked.Exchange(&registered, 1) = 0 then
        AssemblyLoadContext.Default.add_Resolving (Func<AssemblyLoadContext, AssemblyName, Assembly>(answer))
