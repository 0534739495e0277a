using System.Text.Json;

namespace AgentTokens;

/// <summary>
/// Reads single JSON values the way the model types them, with errors that name the field. Known enumeration
/// values come back as the shared instances, without allocating a string.
/// </summary>
internal static class Wire
{
    public static string String(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw WrongType(field, "a string", reader.TokenType);

    public static string? NullableString(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : String(ref reader, field);

    public static int Int(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw WrongType(field, "an integer", reader.TokenType);
        }
        return reader.TryGetInt32(out var value) ? value : throw new JsonException($"'{field}' is not a 32-bit integer.");
    }

    public static int? NullableInt(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : Int(ref reader, field);

    public static DateTimeOffset Date(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw WrongType(field, "a date-time string", reader.TokenType);
        }
        return reader.TryGetDateTimeOffset(out var value) ? value : throw new JsonException($"'{field}' is not an ISO 8601 date-time.");
    }

    public static DateTimeOffset? NullableDate(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : Date(ref reader, field);

    public static TokenKind Kind(ref Utf8JsonReader reader)
    {
        CheckString(ref reader, "kind");
        return Is(ref reader, "STANDARD"u8) ? TokenKind.Standard
            : Is(ref reader, "DIRECT_ACCESS"u8) ? TokenKind.DirectAccess
            : new TokenKind(reader.GetString()!);
    }

    public static TokenType Type(ref Utf8JsonReader reader, string field)
    {
        CheckString(ref reader, field);
        return Is(ref reader, "DEPLOYMENT"u8) ? TokenType.Deployment
            : Is(ref reader, "WORKSPACE"u8) ? TokenType.Workspace
            : Is(ref reader, "ORGANIZATION"u8) ? TokenType.Organization
            : new TokenType(reader.GetString()!);
    }

    public static TokenType? NullableType(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : Type(ref reader, field);

    public static EntityType Entity(ref Utf8JsonReader reader)
    {
        CheckString(ref reader, "entityType");
        return Is(ref reader, "DEPLOYMENT"u8) ? EntityType.Deployment
            : Is(ref reader, "WORKSPACE"u8) ? EntityType.Workspace
            : Is(ref reader, "ORGANIZATION"u8) ? EntityType.Organization
            : Is(ref reader, "DAG"u8) ? EntityType.Dag
            : Is(ref reader, "DAG_TAG"u8) ? EntityType.DagTag
            : new EntityType(reader.GetString()!);
    }

    public static SubjectType? Subject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        CheckString(ref reader, "subjectType");
        return Is(ref reader, "USER"u8) ? SubjectType.User
            : Is(ref reader, "SERVICEKEY"u8) ? SubjectType.ServiceKey
            : new SubjectType(reader.GetString()!);
    }

    /// <summary>A JsonException naming the field, what it should be and what came.</summary>
    public static JsonException WrongType(string field, string expected, JsonTokenType found) =>
        new($"'{field}' should be {expected}, not {Describe(found)}.");

    /// <summary>A JsonException listing the required fields that did not come.</summary>
    public static JsonException Missing(string what, string? id, params ReadOnlySpan<(bool Present, string Name)> fields)
    {
        var missing = new List<string>();
        foreach (var (present, name) in fields)
        {
            if (!present)
            {
                missing.Add($"'{name}'");
            }
        }
        var which = id is null ? "" : $" '{id}'";
        return new JsonException($"The {what}{which} lacks required field(s): {string.Join(", ", missing)}.");
    }

    private static void CheckString(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw WrongType(field, "a string", reader.TokenType);
        }
    }

    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> value) =>
        reader.ValueIsEscaped ? reader.ValueTextEquals(value) : reader.ValueSpan.SequenceEqual(value);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
