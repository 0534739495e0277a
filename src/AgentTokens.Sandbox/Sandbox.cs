using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentTokens.Sandbox;

/// <summary>
/// A local Astro API for agent tokens over real HTTP (Kestrel on 127.0.0.1): seeded data, fault injection and a
/// request log. <c>await using var sandbox = await Sandbox.StartAsync();</c>
/// </summary>
[System.Diagnostics.DebuggerDisplay("{ToString(),nq}")]
public sealed class Sandbox : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Sandbox(WebApplication app, Uri baseAddress, SandboxOptions options, Organization organization, FaultPlan faults, RequestLog log, DateTimeOffset now)
    {
        _app = app;
        BaseAddress = baseAddress;
        Options = options;
        Organization = organization;
        Faults = faults;
        Requests = log;
        Now = now;
    }

    /// <summary>The address to give a client, e.g. <c>http://127.0.0.1:5089/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The options it started with.</summary>
    public SandboxOptions Options { get; }

    /// <summary>The bearer token it accepts. Never shown by <see cref="ToString"/>; hidden from debuggers.</summary>
    [System.Diagnostics.DebuggerBrowsable(System.Diagnostics.DebuggerBrowsableState.Never)]
    public string ApiToken => Options.ApiToken;

    /// <summary>The organization's ID.</summary>
    public string OrganizationId => Organization.Id;

    /// <summary>The seeded deployment's ID.</summary>
    public string DeploymentId => Organization.DeploymentList[0].Id;

    /// <summary>Every deployment's ID, in the API's order.</summary>
    public IReadOnlyList<string> DeploymentIds => [.. Organization.DeploymentList.Select(d => d.Id)];

    /// <summary>The time the seeded data is relative to.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The organization and its deployments' stores (read them to compare with what a client saw).</summary>
    public Organization Organization { get; }

    /// <summary>The seeded deployment's store.</summary>
    public DeploymentStore Store => Organization.Deployments[DeploymentId];

    /// <summary>Faults to apply to coming requests.</summary>
    public FaultPlan Faults { get; }

    /// <summary>Every request answered so far.</summary>
    public RequestLog Requests { get; }

    /// <summary>Seeds the data and starts listening.</summary>
    /// <param name="options">Options; null for the defaults (250 tokens, seed 7, a free port).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<Sandbox> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        if (options.Tokens < 0 || options.Deployments < 0 || options.Workspaces < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Tokens, "Tokens, Deployments and Workspaces must be 0 or more.");
        }
        if (string.IsNullOrWhiteSpace(options.ApiToken))
        {
            throw new ArgumentException("ApiToken must not be blank.", nameof(options));
        }
        var now = options.Now ?? options.TimeProvider.GetUtcNow();
        var generator = new DataGenerator(options.Seed, now);
        var deployments = generator.Deployments(Math.Max(1, options.Deployments), options.RemoteExecutionShare, Math.Max(1, options.Workspaces));
        var stores = deployments.Select((d, i) => new DeploymentStore(d.Id, d.RemoteExecution
            ? generator.Tokens(d.Id, options.VaryTokens && i > 0 ? generator.TokenCount(options.Tokens) : options.Tokens)
            : [])).ToDictionary(s => s.Id);
        var caller = new SandboxSubject(generator.NewId(), "SERVICEKEY", ApiTokenName: "sandbox-api-token");
        var organization = new Organization(generator.OrganizationId, deployments, stores, caller);
        var faults = new FaultPlan();
        foreach (var rule in options.Faults)
        {
            faults.Add(rule);
        }
        var log = new RequestLog();
        var api = new SandboxApi(organization, options, faults, log, generator);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, options.Port);
        });
        var app = builder.Build();
        app.Run(api.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Sandbox(app, new Uri(address.TrimEnd('/') + "/"), options, organization, faults, log, now);
    }

    /// <summary>Where it listens and what it holds; never the bearer token.</summary>
    public override string ToString() =>
        $"Sandbox at {BaseAddress} (organization {OrganizationId}, {Organization.DeploymentList.Count} deployment(s), seed {Options.Seed})";

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
