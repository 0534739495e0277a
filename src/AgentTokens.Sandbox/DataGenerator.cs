namespace AgentTokens.Sandbox;

/// <summary>
/// Realistic, deterministic agent tokens: the same seed and "now" give the same data. Names read like agent pools
/// and environments; creation spreads over about two years; some tokens have expired, some expire within a week,
/// some were never used; last use is never after now.
/// </summary>
public sealed class DataGenerator
{
    private static readonly string[] Environments = ["prod", "staging", "dev", "qa", "perf", "sandbox"];
    private static readonly string[] Pools = ["etl", "ml-training", "reporting", "ingest", "dbt", "spark", "k8s", "default", "batch", "streaming", "gpu", "finance", "marketing"];
    private static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];
    private static readonly string[] Teams = ["data platform", "analytics", "ML", "finance", "growth", "data engineering"];
    private static readonly string[] WorkspaceRoles = ["WORKSPACE_OPERATOR", "WORKSPACE_AUTHOR", "WORKSPACE_MEMBER", "WORKSPACE_ACCESSOR", "WORKSPACE_OWNER"];
    private static readonly string[] OrganizationRoles = ["ORGANIZATION_MEMBER", "ORGANIZATION_OBSERVE_MEMBER", "ORGANIZATION_BILLING_ADMIN", "ORGANIZATION_OBSERVE_ADMIN", "ORGANIZATION_OWNER"];
    private static readonly string[] DagRoles = ["DAG_AUTHOR", "DAG_VIEWER", "dag-operator"];
    private static readonly string[] Dags = ["daily_orders_etl", "customer_360", "fraud_model_retrain", "finance_close", "clickstream_rollup", "dbt_nightly", "feature_store_sync"];
    private static readonly string[] DagTags = ["team:finance", "team:ml", "tier:critical", "pii", "nightly"];
    private static readonly (string First, string Last)[] People =
    [
        ("Jane", "Doe"), ("Amir", "Haddad"), ("Mei", "Chen"), ("Carlos", "Ruiz"), ("Priya", "Nair"), ("Ola", "Nordmann"),
        ("Fatima", "Zahra"), ("Tom", "Becker"), ("Sofia", "Rossi"), ("Kenji", "Sato"), ("Lena", "Kowalski"), ("Ade", "Okafor"),
    ];
    private static readonly string[] ServiceKeys = ["ci-deployer", "terraform-astro", "github-actions", "platform-bot", "argo-sync"];
    private static readonly (int? Days, double Weight)[] ExpiryPeriods = [(null, 0.25), (30, 0.15), (90, 0.25), (180, 0.15), (365, 0.20)];

    private readonly Random _random;
    private readonly DateTimeOffset _now;
    private readonly SandboxSubject[] _users;
    private readonly SandboxSubject[] _serviceKeys;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="now">The time the data is relative to (whole seconds are kept).</param>
    public DataGenerator(int seed, DateTimeOffset now)
    {
        _random = new Random(seed);
        _now = Truncate(now);
        _users = [.. People.Select(p => new SandboxSubject(
            NewId(), "USER", $"{p.First} {p.Last}", $"{p.First.ToLowerInvariant()}.{p.Last.ToLowerInvariant()}@example.com",
            $"https://avatars.example.com/{p.First.ToLowerInvariant()}-{p.Last.ToLowerInvariant()}.png"))];
        _serviceKeys = [.. ServiceKeys.Select(k => new SandboxSubject(NewId(), "SERVICEKEY", ApiTokenName: k))];
        OrganizationId = NewId();
        WorkspaceId = NewId();
    }

    /// <summary>The organization's ID.</summary>
    public string OrganizationId { get; }

    /// <summary>The workspace's ID.</summary>
    public string WorkspaceId { get; }

    /// <summary>A new CUID-like ID (25 characters, starting with <c>cl</c>).</summary>
    public string NewId()
    {
        Span<char> id = stackalloc char[25];
        id[0] = 'c';
        id[1] = 'l';
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (var i = 2; i < id.Length; i++)
        {
            id[i] = alphabet[_random.Next(alphabet.Length)];
        }
        return new string(id);
    }

    /// <summary>A secret token value, shown once by Create.</summary>
    public string NewSecret() => "astro_" + string.Concat(Enumerable.Range(0, 40).Select(_ => "0123456789abcdef"[_random.Next(16)]));

    /// <summary>
    /// An organization's deployments, spread over <paramref name="workspaces"/> workspaces (the first is
    /// <see cref="WorkspaceId"/>): the first with Remote Execution, then a seeded share of the rest.
    /// </summary>
    /// <param name="count">How many.</param>
    /// <param name="remoteExecutionShare">The share of the rest with Remote Execution.</param>
    /// <param name="workspaces">How many workspaces they belong to.</param>
    public IReadOnlyList<SandboxDeployment> Deployments(int count, double remoteExecutionShare, int workspaces = 1)
    {
        string[] workspaceIds = [WorkspaceId, .. Enumerable.Range(1, Math.Max(0, workspaces - 1)).Select(_ => NewId())];
        return [.. Enumerable.Range(0, count).Select(i => new SandboxDeployment(
            NewId(), $"{Environments[i % Environments.Length]}-{Pools[i % Pools.Length]}-{i:D3}", workspaceIds[i % workspaceIds.Length],
            i == 0 || _random.NextDouble() < remoteExecutionShare))];
    }

    /// <summary>
    /// How many tokens a deployment holds when counts vary, up to <paramref name="most"/>: most deployments hold a
    /// few, some a handful more, and about one in eight sits near the limit.
    /// </summary>
    /// <param name="most">The most a deployment holds.</param>
    public int TokenCount(int most) =>
        _random.NextDouble() < 0.12 ? most - _random.Next(Math.Min(5, most + 1)) : (int)Math.Round(most * 0.6 * Math.Pow(_random.NextDouble(), 2));

    /// <summary>Tokens for a deployment, oldest first.</summary>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="count">How many.</param>
    public IReadOnlyList<SandboxToken> Tokens(string deploymentId, int count)
    {
        var tokens = new SandboxToken[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = Token(deploymentId, i);
        }
        // The default order is creation order, as a database without ORDER BY on an append-only table would give.
        Array.Sort(tokens, (a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.Id, b.Id));
        return tokens;
    }

    /// <summary>One realistic token. The first three of a set are made to show an expired token, one expiring within a week and one never used.</summary>
    /// <param name="deploymentId">The deployment's ID.</param>
    /// <param name="index">Its index in the set.</param>
    public SandboxToken Token(string deploymentId, int index)
    {
        var env = Pick(Environments);
        var pool = Pick(Pools);
        var name = _random.NextDouble() < 0.3
            ? $"{env}-{pool}-{Pick(Regions)}-{index:D3}"
            : $"{env}-{pool}-agents-{index:D3}";
        var description = _random.NextDouble() < 0.15 ? "" : $"Remote Execution agents for {Pick(Teams)} {pool} workloads in {env}";
        // Skewed towards recent: platforms create more tokens as they grow.
        var age = TimeSpan.FromDays(730 * Math.Pow(_random.NextDouble(), 1.6)) + TimeSpan.FromSeconds(_random.Next(86_400));
        var created = Truncate(_now - age);
        int? period = PickWeighted(ExpiryPeriods);
        if (period is { } p && created.AddDays(p) < _now.AddDays(-45) && _random.NextDouble() < 0.8)
        {
            // Most long-expired tokens have been rotated away: this one was created within its period instead.
            created = Truncate(_now - TimeSpan.FromDays(p * _random.NextDouble()) - TimeSpan.FromSeconds(_random.Next(86_400)));
        }
        var start = _random.NextDouble() < 0.03 ? Truncate(_now.AddDays(1 + _random.Next(14))) : created;
        switch (index)
        {
            case 0: // expired
                period = 30; created = Truncate(_now.AddDays(-120)); start = created; break;
            case 1: // expiring within a week
                period = 90; created = Truncate(_now.AddDays(-86).AddHours(-_random.Next(24))); start = created; break;
        }
        var end = period is { } days ? start.AddDays(days) : (DateTimeOffset?)null;
        var usable = end is { } e && e < _now ? e : _now;
        DateTimeOffset? lastUsed = index == 2 || start > _now || _random.NextDouble() < 0.2
            ? null
            : Truncate(usable - TimeSpan.FromSeconds((usable - start).TotalSeconds * Math.Pow(_random.NextDouble(), 3)));
        var createdBy = _random.NextDouble() < 0.7 ? Pick(_users) : Pick(_serviceKeys);
        var updated = Truncate(created + TimeSpan.FromSeconds((_now - created).TotalSeconds * 0.3 * _random.NextDouble()));
        return new SandboxToken
        {
            Id = NewId(),
            Name = name,
            Description = description,
            Kind = _random.NextDouble() < 0.85 ? "STANDARD" : "DIRECT_ACCESS",
            Type = PickWeighted<string>([("DEPLOYMENT", 0.7), ("WORKSPACE", 0.2), ("ORGANIZATION", 0.1)]),
            ShortToken = "astro_" + NewId()[2..8],
            CreatedAt = created,
            UpdatedAt = updated,
            StartAt = start,
            ExpiryPeriodInDays = period,
            LastUsedAt = lastUsed,
            LastRotatedAt = _random.NextDouble() < 0.3 ? Truncate(created + (_now - created) * _random.NextDouble()) : null,
            CreatedBy = createdBy,
            UpdatedBy = _random.NextDouble() < 0.8 ? createdBy : Pick(_users),
            Roles = Roles(deploymentId),
        };
    }

    private SandboxRole[] Roles(string deploymentId)
    {
        if (_random.NextDouble() < 0.06)
        {
            return [];
        }
        var roles = new List<SandboxRole>();
        if (_random.NextDouble() < 0.75)
        {
            roles.Add(new SandboxRole(deploymentId, "DEPLOYMENT", _random.NextDouble() < 0.8 ? "DEPLOYMENT_ADMIN" : "deployment-viewer"));
        }
        if (_random.NextDouble() < 0.35)
        {
            roles.Add(new SandboxRole(WorkspaceId, "WORKSPACE", Pick(WorkspaceRoles)));
        }
        if (_random.NextDouble() < 0.12)
        {
            roles.Add(new SandboxRole(OrganizationId, "ORGANIZATION", Pick(OrganizationRoles)));
        }
        if (_random.NextDouble() < 0.2)
        {
            roles.Add(new SandboxRole(Pick(Dags), "DAG", Pick(DagRoles), deploymentId));
        }
        if (_random.NextDouble() < 0.12)
        {
            roles.Add(new SandboxRole(Pick(DagTags), "DAG_TAG", Pick(DagRoles), deploymentId));
        }
        return [.. roles];
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private T PickWeighted<T>((T Value, double Weight)[] items)
    {
        var roll = _random.NextDouble() * items.Sum(i => i.Weight);
        foreach (var (value, weight) in items)
        {
            roll -= weight;
            if (roll < 0)
            {
                return value;
            }
        }
        return items[^1].Value;
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
