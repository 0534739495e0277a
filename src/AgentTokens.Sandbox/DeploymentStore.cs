using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace AgentTokens.Sandbox;

/// <summary>
/// One deployment's tokens. Reads take an immutable snapshot, so listings never see half a change; each snapshot
/// keeps its sorted orders once computed, and each token keeps its JSON, so pages are served from precomputed data.
/// </summary>
public sealed class DeploymentStore
{
    private static readonly ConditionalWeakTable<SandboxToken, byte[]> TypeJson = [];
    private static readonly ConditionalWeakTable<SandboxToken, byte[]> ScopeJson = [];
    private readonly object _gate = new();
    private Snapshot _snapshot;

    /// <summary>Creates a store holding tokens in their default order.</summary>
    /// <param name="id">The deployment's ID.</param>
    /// <param name="tokens">The tokens.</param>
    public DeploymentStore(string id, IEnumerable<SandboxToken> tokens)
    {
        Id = id;
        _snapshot = new Snapshot([.. tokens]);
    }

    /// <summary>The deployment's ID.</summary>
    public string Id { get; }

    /// <summary>The number of tokens now.</summary>
    public int Count => _snapshot.Tokens.Length;

    /// <summary>The tokens now, in the default order (the order of creation).</summary>
    public IReadOnlyList<SandboxToken> Tokens => _snapshot.Tokens;

    /// <summary>The tokens now, in a sort order (cached per snapshot).</summary>
    /// <param name="sorts">Valid sort values.</param>
    public IReadOnlyList<SandboxToken> Sorted(IReadOnlyList<string> sorts) => _snapshot.Sorted(sorts);

    /// <summary>A token by ID, or null.</summary>
    /// <param name="id">The token's ID.</param>
    public SandboxToken? Find(string id) => _snapshot.Find(id);

    /// <summary>A token's JSON, computed once per token and field name.</summary>
    /// <param name="token">The token.</param>
    /// <param name="typeField"><c>type</c> or <c>scope</c>.</param>
    public static byte[] Json(SandboxToken token, string typeField) =>
        (typeField == "scope" ? ScopeJson : TypeJson).GetValue(token, t => WireFormat.Token(t, typeField));

    /// <summary>Inserts tokens at a position of the default order (clamped to the ends).</summary>
    /// <param name="position">Where.</param>
    /// <param name="tokens">The new tokens.</param>
    public void Insert(int position, IReadOnlyList<SandboxToken> tokens) =>
        Change(list => list.InsertRange(Math.Clamp(position, 0, list.Count), tokens));

    /// <summary>Deletes up to <paramref name="count"/> tokens from a position of the default order.</summary>
    /// <param name="position">From where.</param>
    /// <param name="count">How many.</param>
    public void DeleteRange(int position, int count) => Change(list =>
    {
        var start = Math.Clamp(position, 0, list.Count);
        list.RemoveRange(start, Math.Min(count, list.Count - start));
    });

    /// <summary>Appends a token, unless the deployment already holds <paramref name="limit"/>; returns whether it did.</summary>
    /// <param name="token">The token.</param>
    /// <param name="limit">The most tokens the deployment may hold.</param>
    public bool TryAdd(SandboxToken token, int limit)
    {
        lock (_gate)
        {
            if (_snapshot.Tokens.Length >= limit)
            {
                return false;
            }
            _snapshot = new Snapshot([.. _snapshot.Tokens, token]);
            return true;
        }
    }

    /// <summary>Removes a token by ID; returns whether it was there.</summary>
    /// <param name="id">The token's ID.</param>
    public bool Remove(string id)
    {
        var removed = false;
        Change(list => removed = list.RemoveAll(t => t.Id == id) > 0);
        return removed;
    }

    private void Change(Action<List<SandboxToken>> change)
    {
        lock (_gate)
        {
            var list = new List<SandboxToken>(_snapshot.Tokens);
            change(list);
            _snapshot = new Snapshot([.. list]);
        }
    }

    private sealed class Snapshot(SandboxToken[] tokens)
    {
        private readonly ConcurrentDictionary<string, SandboxToken[]> _sorted = new(StringComparer.Ordinal);
        private Dictionary<string, SandboxToken>? _byId;

        public SandboxToken[] Tokens { get; } = tokens;

        public IReadOnlyList<SandboxToken> Sorted(IReadOnlyList<string> sorts) =>
            sorts.Count == 0
                ? Tokens
                : _sorted.GetOrAdd(string.Join('&', sorts), _ =>
                {
                    var copy = (SandboxToken[])Tokens.Clone();
                    // Array.Sort is unstable; the comparison ends on the ID, so the order is total anyway.
                    Array.Sort(copy, Sorting.Comparison(sorts));
                    return copy;
                });

        public SandboxToken? Find(string id)
        {
            var byId = _byId ??= Tokens.ToDictionary(t => t.Id, StringComparer.Ordinal);
            return byId.GetValueOrDefault(id);
        }
    }
}
