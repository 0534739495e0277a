using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentTokens;

/// <summary>One page of ListAgentTokens (<c>ApiTokensPaginated</c>). Equality is by value, the tokens compared in order.</summary>
public sealed record AgentTokenPage : IJsonOnDeserialized
{
    private readonly IReadOnlyList<AgentToken> _tokens = ValueList<AgentToken>.Of(null);

    /// <summary>The limit the server applied to this page (it may be lower than the one asked for).</summary>
    [JsonPropertyName("limit")]
    public required int Limit { get; init; }

    /// <summary>The offset of the first token of this page.</summary>
    [JsonPropertyName("offset")]
    public required int Offset { get; init; }

    /// <summary>The number of tokens in the whole listing, as the server counted it for this page.</summary>
    [JsonPropertyName("totalCount")]
    public required int TotalCount { get; init; }

    /// <summary>The tokens of this page, in the server's order.</summary>
    [JsonPropertyName("tokens")]
    public required IReadOnlyList<AgentToken> Tokens { get => _tokens; init => _tokens = ValueList<AgentToken>.Of(value); }

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (_tokens.Contains(null!))
        {
            throw new JsonException("The page has a null token.");
        }
    }
}
