using System.Globalization;
using System.Text.Json;

namespace AgentTokens.Sandbox;

/// <summary>The four agent-token operations over the stores, as pure-ish functions from a parsed request to an <see cref="Answer"/>.</summary>
internal sealed class AgentTokenEndpoints(Organization organization, SandboxOptions options, Func<DataGenerator> generator)
{
    /// <summary>ListAgentTokens, validating offset, limit and sorts as the API does; <paramref name="shape"/> carries the faults that bend a page.</summary>
    public Answer List(DeploymentStore store, string typeField, string query, PageShape shape, string requestId)
    {
        var parameters = ParseQuery(query);
        var errors = new List<(string, string, string)>();
        var offset = IntParameter(parameters, "offset", 0, 0, int.MaxValue, errors);
        var limit = IntParameter(parameters, "limit", 20, 0, 1000, errors);
        var sorts = parameters.TryGetValue("sorts", out var s) ? s : [];
        foreach (var sort in sorts.Where(v => !Sorting.IsValid(v)))
        {
            errors.Add(("oneof", "sorts", $"sorts value '{sort}' must be one of: {string.Join(", ", Sorting.Values)}"));
        }
        if (errors.Count > 0)
        {
            return Answer.Error(400, "Invalid request: " + string.Join("; ", errors.Select(e => e.Item3)), requestId, errors);
        }
        var used = shape.CapLimit is { } cap ? Math.Min(limit, cap) : limit;
        var ordered = store.Sorted(sorts);
        var page = ordered.Skip(offset).Take(used + shape.Overfull).Select(t => DeploymentStore.Json(t, typeField));
        return Answer.Pieces(200, WireFormat.PageSegments(used, offset, shape.LyingTotal ?? ordered.Count, page));
    }

    /// <summary>ListDeployments: the organization's deployments, offset/limit paged like tokens; <paramref name="lyingTotal"/> replaces the real total.</summary>
    public Answer ListDeployments(string query, int? lyingTotal, string requestId)
    {
        var parameters = ParseQuery(query);
        var errors = new List<(string, string, string)>();
        var offset = IntParameter(parameters, "offset", 0, 0, int.MaxValue, errors);
        var limit = IntParameter(parameters, "limit", 20, 0, 1000, errors);
        if (errors.Count > 0)
        {
            return Answer.Error(400, "Invalid request: " + string.Join("; ", errors.Select(e => e.Item3)), requestId, errors);
        }
        var all = organization.DeploymentList;
        return new Answer(200, WireFormat.DeploymentPage(limit, offset, lyingTotal ?? all.Count, all.Skip(offset).Take(limit)));
    }

    /// <summary>GetAgentToken: never with the secret.</summary>
    public Answer Get(DeploymentStore store, string typeField, string id, string requestId) =>
        store.Find(id) is { } token
            ? new Answer(200, DeploymentStore.Json(token, typeField))
            : NotFound("agent token", id, requestId);

    /// <summary>DeleteAgentToken: 204, then 404.</summary>
    public Answer Delete(DeploymentStore store, string id, string requestId) =>
        store.Remove(id) ? Answer.NoContent : NotFound("agent token", id, requestId);

    /// <summary>CreateAgentToken: validates the body, refuses past the per-deployment limit, shows the secret once.</summary>
    public Answer Create(DeploymentStore store, string typeField, byte[] body, string requestId)
    {
        string? name = null, description = null;
        int? period = null;
        var errors = new List<(string, string, string)>();
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Answer.Error(400, "Invalid request body: expected a JSON object", requestId);
            }
            var root = json.RootElement;
            if (!root.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(n.GetString()))
            {
                errors.Add(("required", "name", "name is required and must not be blank"));
            }
            else
            {
                name = n.GetString();
            }
            if (root.TryGetProperty("description", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                if (d.ValueKind == JsonValueKind.String) { description = d.GetString(); }
                else { errors.Add(("type", "description", "description must be a string")); }
            }
            if (root.TryGetProperty("tokenExpiryPeriodInDays", out var p) && p.ValueKind != JsonValueKind.Null)
            {
                if (p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var days) && days is >= 1 and <= 3650) { period = days; }
                else { errors.Add(("range", "tokenExpiryPeriodInDays", "tokenExpiryPeriodInDays must be an integer between 1 and 3650")); }
            }
        }
        catch (JsonException)
        {
            return Answer.Error(400, "Invalid request body: not valid JSON", requestId);
        }
        if (errors.Count > 0)
        {
            return Answer.Error(400, "Invalid request: " + string.Join("; ", errors.Select(e => e.Item3)), requestId, errors);
        }
        var now = options.TimeProvider.GetUtcNow();
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        string id, secret;
        var g = generator();
        lock (g)
        {
            id = g.NewId();
            secret = g.NewSecret();
        }
        var token = new SandboxToken
        {
            Id = id, Name = name!, Description = description ?? "", Kind = "STANDARD", Type = "DEPLOYMENT",
            ShortToken = secret[..12], CreatedAt = now, UpdatedAt = now, StartAt = now, ExpiryPeriodInDays = period,
            CreatedBy = organization.Caller, UpdatedBy = organization.Caller,
            Roles = [new SandboxRole(store.Id, "DEPLOYMENT", "DEPLOYMENT_ADMIN")],
        };
        if (!store.TryAdd(token, options.MaxTokensPerDeployment))
        {
            return Answer.Error(400, $"Deployment {store.Id} already has the maximum of {options.MaxTokensPerDeployment} agent tokens", requestId);
        }
        return new Answer(200, WireFormat.Token(token, typeField, secret));
    }

    public static Answer NotFound(string what, string id, string requestId) => Answer.Error(404, $"The {what} '{id}' was not found", requestId);

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0].Replace('+', ' '));
            var value = kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "";
            (result.TryGetValue(key, out var list) ? list : result[key] = []).Add(value);
        }
        return result;
    }

    private static int IntParameter(Dictionary<string, List<string>> parameters, string name, int fallback, int min, int max, List<(string, string, string)> errors)
    {
        if (!parameters.TryGetValue(name, out var values))
        {
            return fallback;
        }
        if (values.Count != 1 || !int.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(("type", name, $"{name} must be a single integer"));
            return fallback;
        }
        if (value < min)
        {
            errors.Add(("min", name, $"{name} must be greater than or equal to {min}"));
        }
        else if (value > max)
        {
            errors.Add(("max", name, $"{name} must be less than or equal to {max}"));
        }
        return value;
    }
}

/// <summary>How faults bend a List page: a server-side cap on the limit, a claimed total, tokens past the limit.</summary>
/// <param name="CapLimit">The most tokens answered, whatever the limit asked.</param>
/// <param name="LyingTotal">The totalCount claimed instead of the real one.</param>
/// <param name="Overfull">How many tokens past the limit the page holds (0 for none).</param>
internal readonly record struct PageShape(int? CapLimit, int? LyingTotal, int Overfull);
