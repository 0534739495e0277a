using System.Collections.Concurrent;

namespace AgentTokens.Sandbox;

/// <summary>One request the sandbox answered.</summary>
/// <param name="Sequence">1 for the first request, then 2, 3...</param>
/// <param name="StartedAt">When the request arrived (the sandbox's TimeProvider).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The raw path.</param>
/// <param name="Query">The raw query, without the question mark.</param>
/// <param name="Status">The status sent, or 0 when the connection was aborted.</param>
/// <param name="Faults">The faults applied, by name; empty for a normal answer.</param>
public sealed record RequestLogEntry(long Sequence, DateTimeOffset StartedAt, string Method, string Path, string Query, int Status, IReadOnlyList<string> Faults)
{
    /// <summary>The values of one query parameter, in order.</summary>
    /// <param name="name">The parameter's name.</param>
    public IReadOnlyList<string> QueryValues(string name) =>
        [.. Query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(kv => Uri.UnescapeDataString(kv[0]) == name)
            .Select(kv => kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "")];
}

/// <summary>Every request the sandbox answered, in order of arrival; tests read it to count and space requests.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();
    private long _sequence;

    /// <summary>The entries so far, in order of arrival.</summary>
    public IReadOnlyList<RequestLogEntry> Entries => [.. _entries.OrderBy(e => e.Sequence)];

    /// <summary>The number of requests so far.</summary>
    public int Count => _entries.Count;

    /// <summary>Forgets every entry (the sequence goes on).</summary>
    public void Clear() => _entries.Clear();

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Add(RequestLogEntry entry) => _entries.Enqueue(entry);
}
