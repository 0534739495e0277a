using System.Text.Json;

namespace AgentTokens;

/// <summary>
/// Parses a ListAgentTokens body (<c>ApiTokensPaginated</c>) as it arrives, block by block: every token is handed
/// out as soon as its object is complete, whatever the order of the page's fields. Pure: bytes in, tokens out.
/// </summary>
/// <remarks>
/// Feed it with <see cref="Parse"/>: it answers how many bytes it used; keep the rest and add the next block
/// after it. A token is only handed out whole; one that straddles two blocks is read again from its start.
/// </remarks>
internal sealed class PageJsonParser
{
    private readonly TokenJsonReader _tokens = new();
    private JsonReaderState _state;
    private Phase _phase;
    private int? _limit, _offset, _totalCount;
    private bool _hasTokens;

    private enum Phase { Start, Fields, Tokens, Done }

    /// <summary>How many tokens were handed out.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the page's closing brace was read.</summary>
    public bool IsComplete => _phase == Phase.Done;

    /// <summary>
    /// Parses as much of <paramref name="data"/> as it can, adding each complete token to <paramref name="output"/>;
    /// answers the number of bytes used. The rest must be passed again, followed by more data.
    /// </summary>
    /// <param name="data">The unread bytes: what was left last time, then what arrived since.</param>
    /// <param name="isFinalBlock">Whether the body ends with this data.</param>
    /// <param name="output">Receives the tokens completed in this block.</param>
    /// <exception cref="JsonException">The body is not a page of agent tokens, or ends before the page does.</exception>
    public int Parse(ReadOnlySpan<byte> data, bool isFinalBlock, List<AgentToken> output)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock, _state);
        var checkpoint = 0;
        while (_phase != Phase.Done)
        {
            if (!Step(ref reader, output))
            {
                if (isFinalBlock)
                {
                    throw new JsonException(Count == 0 && _phase == Phase.Start
                        ? "The body was empty."
                        : $"The body ended before the page did (after {Count} token(s)).");
                }
                return checkpoint;
            }
            _state = reader.CurrentState;
            checkpoint = (int)reader.BytesConsumed;
        }
        // After the page only whitespace may follow.
        if (data[checkpoint..].IndexOfAnyExcept(" \t\r\n"u8) >= 0)
        {
            throw new JsonException("The body goes on after the page.");
        }
        return data.Length;
    }

    /// <summary>The page's fields, once it is complete.</summary>
    /// <exception cref="JsonException">The page lacks a required field.</exception>
    public (int Limit, int Offset, int TotalCount) Summary()
    {
        if (_phase != Phase.Done)
        {
            throw new InvalidOperationException("The page is not complete.");
        }
        if (_limit is null || _offset is null || _totalCount is null || !_hasTokens)
        {
            throw Wire.Missing("page", null, (_limit is not null, "limit"), (_offset is not null, "offset"), (_hasTokens, "tokens"), (_totalCount is not null, "totalCount"));
        }
        return (_limit.Value, _offset.Value, _totalCount.Value);
    }

    /// <summary>One step: a field of the page, or one token. False when the data ends first (nothing is kept from the step).</summary>
    private bool Step(ref Utf8JsonReader reader, List<AgentToken> output)
    {
        if (!reader.Read())
        {
            return false;
        }
        switch (_phase)
        {
            case Phase.Start:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Wire.WrongType("the page", "an object", reader.TokenType);
                }
                _phase = Phase.Fields;
                return true;
            case Phase.Fields:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _phase = Phase.Done;
                    return true;
                }
                return Field(ref reader);
            default:
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.Fields;
                    return true;
                }
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Wire.WrongType("tokens[]", "an object", reader.TokenType);
                }
                if (!_tokens.TryRead(ref reader, out var token))
                {
                    return false;
                }
                output.Add(token!);
                Count++;
                return true;
        }
    }

    private bool Field(ref Utf8JsonReader reader)
    {
        var field = Fields.Page(ref reader);
        if (field == PageField.Unknown)
        {
            return reader.TrySkip();
        }
        if (!reader.Read())
        {
            return false;
        }
        switch (field)
        {
            case PageField.Limit: _limit = Wire.Int(ref reader, "limit"); break;
            case PageField.Offset: _offset = Wire.Int(ref reader, "offset"); break;
            case PageField.TotalCount: _totalCount = Wire.Int(ref reader, "totalCount"); break;
            default:
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Wire.WrongType("tokens", "an array", reader.TokenType);
                }
                if (_hasTokens)
                {
                    throw new JsonException("The page has two 'tokens' arrays.");
                }
                _hasTokens = true;
                _phase = Phase.Tokens;
                break;
        }
        return true;
    }
}
