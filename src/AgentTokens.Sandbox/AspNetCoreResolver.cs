using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace AgentTokens.Sandbox;

/// <summary>
/// Lets the sandbox start Kestrel inside hosts that run on Microsoft.NETCore.App only (notebook kernels,
/// <c>dotnet fsi</c>): assemblies of the ASP.NET Core shared framework are loaded from its folder beside the runtime.
/// In a real ASP.NET Core host the hook never fires.
/// </summary>
internal static class AspNetCoreResolver
{
#pragma warning disable CA2255 // A module initializer is the only hook that runs before the first Kestrel type loads.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => AssemblyLoadContext.Default.Resolving += Resolve;

    // A native (ahead-of-time compiled) tool has every assembly compiled in and never raises Resolving.
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Only JIT hosts load assemblies; an empty location is refused below.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only JIT hosts load assemblies, and they trim nothing.")]
    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        var location = typeof(object).Assembly.Location;
        if (!Needed(name.Name) || location.Length == 0)
        {
            return null;
        }
        var runtime = Path.GetDirectoryName(location)!;
        var shared = Path.GetFullPath(Path.Combine(runtime, "..", "..", "Microsoft.AspNetCore.App", Path.GetFileName(runtime)));
        var path = Path.Combine(shared, name.Name + ".dll");
        if (!File.Exists(path) || !Satisfies(AssemblyName.GetAssemblyName(path).Version, name.Version))
        {
            return null;
        }
        try
        {
            return context.LoadFromAssemblyPath(path);
        }
        catch (FileLoadException)
        {
            // The host ships its own copy of this assembly (dotnet-repl does for ObjectPool): use that one.
            return context.LoadFromAssemblyName(new AssemblyName(name.Name!));
        }
    }

    /// <summary>
    /// Only what Kestrel and the sandbox's minimal API need from the ASP.NET Core shared framework: its own assemblies,
    /// the Microsoft.Extensions ones it ships, and System.Threading.RateLimiting (which a script's restore leaves out
    /// because a framework reference promises it). Nothing else is answered.
    /// </summary>
    internal static bool Needed(string? name) =>
        name is not null
        && (name == "Microsoft.AspNetCore"
            || name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
            || name == "Microsoft.Net.Http.Headers"
            || name == "System.Threading.RateLimiting");

    /// <summary>The shared framework's copy answers a request of the same major version, no newer than itself.</summary>
    internal static bool Satisfies(Version? available, Version? requested) =>
        available is not null && (requested is null || requested.Major == available.Major && requested <= available);
}
