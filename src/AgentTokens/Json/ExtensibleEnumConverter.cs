using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentTokens;

/// <summary>Reads and writes an <see cref="IExtensibleEnum{TSelf}"/> as a JSON string: a known value is shared, an unknown one kept.</summary>
/// <typeparam name="T">The extensible enumeration.</typeparam>
public sealed class ExtensibleEnumConverter<T> : JsonConverter<T>
    where T : class, IExtensibleEnum<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}.");
        }
        var known = T.Known; // Indexed: a foreach over the interface would allocate an enumerator for every value read.
        for (var i = 0; i < known.Count; i++)
        {
            if (reader.ValueTextEquals(known[i].Value))
            {
                return known[i];
            }
        }
        return T.FromValue(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
