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
        // Any assembly of the ASP.NET Core shared framework: Kestrel's, and the packages it ships that a script's
        // restore leaves out because a framework reference promises them (System.Threading.RateLimiting).
        var location = typeof(object).Assembly.Location;
        if (name.Name is null || location.Length == 0)
        {
            return null;
        }
        var runtime = Path.GetDirectoryName(location)!;
        var shared = Path.GetFullPath(Path.Combine(runtime, "..", "..", "Microsoft.AspNetCore.App", Path.GetFileName(runtime)));
        var path = Path.Combine(shared, name.Name + ".dll");
        if (!File.Exists(path))
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
            return context.LoadFromAssemblyName(new AssemblyName(name.Name));
        }
    }
}
