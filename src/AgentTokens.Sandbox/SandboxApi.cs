using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AgentTokens.Sandbox;

/// <summary>The HTTP edge of the sandbox: routing, bearer authentication, faults, writing and logging.</summary>
internal sealed class SandboxApi(Organization organization, SandboxOptions options, FaultPlan faults, RequestLog log, DataGenerator generator)
{
    private readonly AgentTokenEndpoints _endpoints = new(organization, options, () => generator);
    private readonly RateLimitEnforcer _limits = new();

    public async Task HandleAsync(HttpContext context)
    {
        var sequence = log.NextSequence();
        var started = options.TimeProvider.GetUtcNow();
        var method = context.Request.Method;
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var split = raw.Split('?', 2);
        var (path, query) = (split[0], split.Length > 1 ? split[1] : "");
        var requestId = string.Create(CultureInfo.InvariantCulture, $"sbx-{options.Seed:x4}-{sequence:D6}");
        var applied = faults.Take(method);
        context.Response.Headers["X-Request-Id"] = requestId;
        // Each request is logged before its answer leaves, so a client that has its answer always finds it logged.
        var logged = false;
        void Log(int status)
        {
            logged = true;
            log.Add(new RequestLogEntry(sequence, started, method, path, query, status, [.. applied.Select(f => f.Name)]));
        }
        try
        {
            // Limits count requests as they arrive, before any added latency.
            if (options.EnforceRateLimits && !_limits.TryAdmit(context.Request.Headers.Authorization.ToString(), method, started))
            {
                var limited = Answer.Error(429, "Too Many Requests: rate limit exceeded", requestId) with { Headers = [new("Retry-After", "1")] };
                Log(429);
                await AnswerWriter.WriteAsync(context, limited, []);
                return;
            }
            foreach (var latency in applied.OfType<Fault.LatencyFault>())
            {
                await Task.Delay(latency.Delay, context.RequestAborted);
            }
            if (applied.Any(f => f is Fault.SimpleFault { Kind: "abort" }))
            {
                Log(0);
                context.Abort();
                return;
            }
            var body = method == "POST" ? await ReadBodyAsync(context.Request) : [];
            var answer = ReplacementAnswer(applied, requestId, raw, method, path) ?? Route(method, path, query, context.Request.Headers.Authorization.ToString(), body, applied, requestId);
            Log(answer.Status);
            await AnswerWriter.WriteAsync(context, answer, applied);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (e.g. it timed out during added latency): logged as unanswered.
            if (!logged)
            {
                Log(0);
            }
        }
    }

    private Answer Route(string method, string path, string query, string authorization, byte[] body, IReadOnlyList<Fault> applied, string requestId)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var (typeField, rest) = segments switch
        {
            ["v1", .. var r] => ("scope", r),
            ["iam" or "platform", "v1beta1", .. var r] => ("type", r),
            _ => (null, segments),
        };
        var deploymentsList = rest is ["organizations", _, "deployments"];
        if (typeField is null || !deploymentsList && (rest is not ["organizations", _, "deployments", _, "agent-tokens", ..] || rest.Length > 6))
        {
            return Answer.Error(404, $"No route for {method} {path}", requestId);
        }
        if (!IsAuthorized(authorization))
        {
            return Answer.Error(401, "Unauthorized: a valid bearer token is required", requestId);
        }
        var org = rest[1];
        if (org != organization.Id)
        {
            return AgentTokenEndpoints.NotFound("organization", org, requestId);
        }
        if (deploymentsList)
        {
            return method == "GET"
                ? _endpoints.ListDeployments(query, applied.OfType<Fault.LyingTotalFault>().Select(l => (int?)l.Total).FirstOrDefault(), requestId)
                : Answer.Error(405, $"Method {method} is not allowed on {path}", requestId);
        }
        var dep = rest[3];
        if (!organization.Deployments.TryGetValue(dep, out var store))
        {
            return AgentTokenEndpoints.NotFound("deployment", dep, requestId);
        }
        foreach (var mutation in applied.OfType<Fault.MutationFault>())
        {
            Mutate(store, mutation);
        }
        var shape = new PageShape(
            applied.OfType<Fault.CapLimitFault>().Select(c => (int?)c.MaxItems).Min(),
            applied.OfType<Fault.LyingTotalFault>().Select(l => (int?)l.Total).FirstOrDefault(),
            applied.OfType<Fault.OverfullPageFault>().Sum(o => o.Extra));
        return (rest.Length, method) switch
        {
            (5, "GET") => _endpoints.List(store, typeField, query, shape, requestId),
            (5, "POST") => _endpoints.Create(store, typeField, body, requestId),
            (6, "GET") => _endpoints.Get(store, typeField, rest[5], requestId),
            (6, "DELETE") => _endpoints.Delete(store, rest[5], requestId),
            _ => Answer.Error(405, $"Method {method} is not allowed on {path}", requestId),
        };
    }

    private bool IsAuthorized(string authorization)
    {
        var parts = authorization.Split(' ', 2);
        return parts.Length == 2 && parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) && parts[1] == options.ApiToken;
    }

    private void Mutate(DeploymentStore store, Fault.MutationFault mutation)
    {
        if (mutation.Insert)
        {
            SandboxToken[] added;
            lock (generator)
            {
                added = [.. Enumerable.Range(0, mutation.Count).Select(i => generator.Token(store.Id, 3 + store.Count + i))];
            }
            store.Insert(mutation.Position, added);
        }
        else
        {
            store.DeleteRange(mutation.Position, mutation.Count);
        }
    }

    private Answer? ReplacementAnswer(IReadOnlyList<Fault> applied, string requestId, string rawTarget, string method, string path)
    {
        foreach (var fault in applied)
        {
            switch (fault)
            {
                case Fault.HugeErrorFault huge:
                    return Answer.Error(500, new string('x', huge.Bytes), requestId);
                case Fault.ManyFieldErrorsFault many:
                    return Answer.Error(400, "Invalid request", requestId,
                        [.. Enumerable.Range(0, many.Count).Select(i => ("invalid", $"field{i}", $"field{i} is not valid: " + new string('y', 300)))]);
                case Fault.SimpleFault { Kind: "hostile-error" }:
                    return Answer.Error(500, "Internal error" + HostileAnswers.Escapes + "\nsecond line", requestId);
                case Fault.SimpleFault { Kind: "403" }:
                    var permission = path.EndsWith("/deployments", StringComparison.Ordinal) ? "organization.deployments.get" : method switch
                    {
                        "POST" => "deployment.agentTokens.create",
                        "DELETE" => "deployment.agentTokens.delete",
                        _ => "deployment.agentTokens.get",
                    };
                    return Answer.Error(403, $"Forbidden: the API token lacks the permission {permission}", requestId);
                case Fault.RateLimitedFault r:
                    var answer = r.JsonBody
                        ? Answer.Error(429, "Too Many Requests: rate limit exceeded", requestId)
                        : Answer.Text(429, "Rate limit exceeded. Slow down.\n");
                    var header = r.Style switch
                    {
                        RetryAfterStyle.Seconds => ((int)Math.Ceiling(r.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
                        RetryAfterStyle.HttpDate => (options.TimeProvider.GetUtcNow() + r.RetryAfter).ToString("R", CultureInfo.InvariantCulture),
                        _ => null,
                    };
                    return header is null ? answer : answer with { Headers = [new("Retry-After", header)] };
                case Fault.RedirectFault redirect:
                    return new Answer(307, null) { Headers = [new("Location", new Uri(redirect.Target, rawTarget.TrimStart('/')).AbsoluteUri)] };
                case Fault.ServerErrorFault e:
                    return Answer.Error(e.Status, e.Status switch
                    {
                        502 => "Bad Gateway",
                        503 => "Service Unavailable",
                        504 => "Gateway Timeout",
                        _ => "Internal Server Error",
                    }, requestId);
            }
        }
        return null;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }
}
