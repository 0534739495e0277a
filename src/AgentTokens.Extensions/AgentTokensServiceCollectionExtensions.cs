using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentTokens;

/// <summary>Registers <see cref="AgentTokensClient"/> in a service collection.</summary>
public static class AgentTokensServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the factory makes for the client.</summary>
    public const string HttpClientName = "AgentTokens";

    /// <summary>
    /// Registers <see cref="AgentTokensClient"/> over <c>IHttpClientFactory</c>: a named HttpClient whose handler
    /// follows no redirects, and the client's own pipeline (retries with Retry-After, per-token rate limits,
    /// per-attempt timeouts). The client logs through the container's <see cref="ILoggerFactory"/> when there is one.
    /// <code>
    /// services.AddAgentTokensClient(options => options with { ApiToken = config["Astro:ApiToken"] });
    /// </code>
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Returns the options to use from the defaults (immutable: use <c>with</c>).</param>
    /// <returns>The HttpClient builder, to add handlers to.</returns>
    public static IHttpClientBuilder AddAgentTokensClient(
        this IServiceCollection services, Func<AgentTokensClientOptions, AgentTokensClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            var options = configure?.Invoke(new AgentTokensClientOptions()) ?? new AgentTokensClientOptions();
            return options.Logger is NullLogger && provider.GetService<ILoggerFactory>() is { } loggers
                ? options with { Logger = loggers.CreateLogger("AgentTokens") }
                : options;
        });
        services.TryAddTransient(provider => new AgentTokensClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<AgentTokensClientOptions>()));
        return services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // the client times each attempt itself
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
            });
    }
}
