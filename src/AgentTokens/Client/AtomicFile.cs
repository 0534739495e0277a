using System.Security.AccessControl;
using System.Security.Principal;
using System.Text;

namespace AgentTokens;

/// <summary>
/// Writes a file so that a failure can never destroy what it replaces: the text goes to a temporary file in the same
/// folder, is flushed to disk, and only then is renamed over the path (a rename within a folder is atomic). Used for the
/// secret file, snapshots and reports.
/// </summary>
public static class AtomicFile
{
    /// <summary>What to do when the path already exists.</summary>
    public enum Existing
    {
        /// <summary>Refuse (an <see cref="IOException"/> naming the path): last week's snapshot or a secret stays as it was.</summary>
        Refuse,

        /// <summary>Replace it, atomically.</summary>
        Replace,
    }

    /// <summary>Who may read the file.</summary>
    public enum Access
    {
        /// <summary>The usual permissions of a new file (the process's umask; inherited rights on Windows).</summary>
        Default,

        /// <summary>Its owner only, from its first byte: mode 0600, or on Windows an access list for the current user alone.</summary>
        OwnerOnly,
    }

    /// <summary>
    /// Checks that <paramref name="path"/> could be written now: its folder exists and is writable (a file is created
    /// there and removed), and it does not exist when <paramref name="existing"/> refuses that. Nothing is left behind.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="existing">Whether an existing file may be replaced.</param>
    /// <returns>The full path.</returns>
    public static string EnsureWritable(string path, Existing existing)
    {
        var full = FullPath(path);
        Check(path, full, existing);
        var probe = TemporaryBeside(full);
        using (Create(probe, Access.OwnerOnly))
        {
        }
        File.Delete(probe);
        return full;
    }

    /// <summary>Writes <paramref name="contents"/> (UTF-8) as described above and returns the full path.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="contents">The text.</param>
    /// <param name="existing">Whether an existing file may be replaced.</param>
    /// <param name="access">Who may read the new file.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="ArgumentException">The path is blank.</exception>
    /// <exception cref="IOException">The folder is missing, the path exists and may not be replaced, or the write failed (nothing is left behind).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static string Write(string path, string contents, Existing existing, Access access)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var full = FullPath(path);
        Check(path, full, existing);
        var temporary = TemporaryBeside(full);
        try
        {
            using (var stream = Create(temporary, access))
            {
                stream.Write(Encoding.UTF8.GetBytes(contents));
                stream.Flush(flushToDisk: true);
            }
            // Refusing: no overwrite, so a file that appeared meanwhile is kept and this fails.
            File.Move(temporary, full, overwrite: existing == Existing.Replace);
            return full;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static string FullPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetFullPath(path);
    }

    private static void Check(string path, string full, Existing existing)
    {
        if (Directory.Exists(full))
        {
            throw new IOException($"{path} is a folder: give a file's path.");
        }
        if (existing == Existing.Refuse && File.Exists(full))
        {
            throw new IOException($"{path} already exists and is not overwritten.");
        }
        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new IOException($"the folder of {path} does not exist.");
        }
    }

    private static string TemporaryBeside(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");

    private static FileStream Create(string path, Access access)
    {
        if (access == Access.OwnerOnly && OperatingSystem.IsWindows())
        {
            var owner = WindowsIdentity.GetCurrent().User ?? throw new UnauthorizedAccessException("the current user has no security identifier.");
            var security = new FileSecurity();
            security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
            security.SetOwner(owner);
            security.AddAccessRule(new FileSystemAccessRule(owner, FileSystemRights.FullControl, AccessControlType.Allow));
            return new FileInfo(path).Create(FileMode.CreateNew, FileSystemRights.FullControl, FileShare.None, 4096, FileOptions.None, security);
        }
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (access == Access.OwnerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return new FileStream(path, options);
    }
}
