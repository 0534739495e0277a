namespace AgentTokens;

/// <summary>
/// Keeps a created token's one-time secret in a file that only its owner can read, the way
/// <c>agent-tokens create --secret-file</c> does: a new file (never one that exists), created owner-only from its first
/// byte (mode 0600 on Linux and macOS; on Windows an access list granting the current user alone, with no inherited
/// entries), written in full and flushed to disk under a temporary name in the same folder, then renamed into place.
/// A failure leaves no file behind, and no partly written one ever carries the final name.
/// </summary>
public static class SecretFile
{
    /// <summary>
    /// Checks, before a token is created, that <paramref name="path"/> can take its secret: it does not exist yet and
    /// its folder exists and is writable (a file is created there and removed). Nothing is left behind.
    /// </summary>
    /// <param name="path">Where the secret is to go.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="ArgumentException">The path is blank.</exception>
    /// <exception cref="IOException">The path exists, or its folder is missing or cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static string EnsureWritable(string path) => AtomicFile.EnsureWritable(path, AtomicFile.Existing.Refuse);

    /// <summary>
    /// Writes <paramref name="secret"/> to a new file at <paramref name="path"/>, readable by its owner only, and
    /// returns the full path once the secret is on disk. Not cancellable: once a token exists its secret is kept.
    /// </summary>
    /// <param name="path">Where the secret goes; it must not exist.</param>
    /// <param name="secret">The token value (<see cref="AgentToken.Token"/>).</param>
    /// <returns>The full path.</returns>
    /// <exception cref="ArgumentException">The path is blank or the secret is empty.</exception>
    /// <exception cref="IOException">The path exists, or the file could not be written (nothing is left behind).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static string Write(string path, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return AtomicFile.Write(path, secret, AtomicFile.Existing.Refuse, AtomicFile.Access.OwnerOnly);
    }
}
