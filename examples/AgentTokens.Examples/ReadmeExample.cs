using AgentTokens;

namespace AgentTokens.Examples;

/// <summary>The README's C# example: the text between the README markers is shown there verbatim.</summary>
public static class ReadmeExample
{
    /// <summary>Lists a deployment's tokens, newest first, with their expiry.</summary>
    /// <param name="baseAddress">The API's address (the sandbox's in the tests).</param>
    /// <param name="apiToken">The bearer token; null reads ASTRO_API_TOKEN.</param>
    /// <param name="organizationId">The organization.</param>
    /// <param name="deploymentId">The deployment.</param>
    /// <param name="output">Where to write.</param>
    public static async Task RunAsync(Uri baseAddress, string? apiToken, string organizationId, string deploymentId, TextWriter output)
    {
        // README-BEGIN
        using var client = new AgentTokensClient(new AgentTokensClientOptions
        {
            BaseAddress = baseAddress, // https://api.astronomer.io unless told otherwise
            ApiToken = apiToken,       // null: read ASTRO_API_TOKEN
            ApiVersion = ApiVersion.V1,
        });
        var query = new AgentTokenListQuery(organizationId, deploymentId)
        {
            Sorts = [TokenSort.Descending(TokenSortField.CreatedAt)],
        };
        await foreach (var token in client.ListAsync(query))
        {
            var expiry = token.EndAt is { } end ? $"expires {end:yyyy-MM-dd}" : "never expires";
            output.WriteLine($"{token.Name,-36} {token.Kind,-14} {expiry}");
        }
        // README-END
    }
}
