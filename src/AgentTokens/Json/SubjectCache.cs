using System.Runtime.InteropServices;
using System.Text.Json;

namespace AgentTokens;

/// <summary>
/// Reads subjects (createdBy, updatedBy) and roles, sharing one immutable instance among all objects of a page that
/// are byte-for-byte the same: a page names the same few creators and roles over and over. Bounded in size.
/// </summary>
internal sealed class SubjectCache
{
    private const int MaxEntries = 1024;
    private readonly Dictionary<byte[], SubjectProfile> _subjects = new(BytesComparer.Instance);
    private readonly Dictionary<byte[], TokenRole> _roles = new(BytesComparer.Instance);

    /// <summary>A subject or null; false when the data ends first.</summary>
    public bool TryRead(ref Utf8JsonReader reader, string field, out SubjectProfile? subject)
    {
        subject = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Wire.WrongType(field, "an object", reader.TokenType);
        }
        return TryShared(ref reader, _subjects, ReadSubject, out subject);
    }

    /// <summary>A role (the reader on its StartObject); false when the data ends first.</summary>
    public bool TryReadRole(ref Utf8JsonReader reader, out TokenRole role)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Wire.WrongType("roles[]", "an object", reader.TokenType);
        }
        var found = TryShared(ref reader, _roles, ReadRole, out var shared);
        role = shared!;
        return found;
    }

    private delegate T Read<T>(ref Utf8JsonReader reader);

    /// <summary>The instance for these bytes if one was read before, else reads it (the whole object is known to be there).</summary>
    private static bool TryShared<T>(ref Utf8JsonReader reader, Dictionary<byte[], T> cache, Read<T> read, out T? value)
        where T : class
    {
        value = null;
        var end = reader;
        if (!end.TrySkip())
        {
            return false;
        }
        var raw = Raw(ref reader, ref end);
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (raw.Length > 0 && lookup.TryGetValue(raw, out value))
        {
            reader = end;
            return true;
        }
        value = read(ref reader);
        if (raw.Length > 0 && cache.Count < MaxEntries)
        {
            cache[raw.ToArray()] = value;
        }
        return true;
    }

    /// <summary>The object's bytes, from its StartObject to its EndObject; empty when the reader's input is not one span.</summary>
    private static ReadOnlySpan<byte> Raw(ref Utf8JsonReader start, ref Utf8JsonReader end)
    {
        if (start.HasValueSequence || end.HasValueSequence)
        {
            return [];
        }
        // ValueSpan of a StartObject is its one '{' byte, inside the reader's input: reach back to the input's start.
        ref var first = ref MemoryMarshal.GetReference(start.ValueSpan);
        var length = checked((int)(end.BytesConsumed - start.TokenStartIndex));
        return MemoryMarshal.CreateReadOnlySpan(ref first, length);
    }

    private static SubjectProfile ReadSubject(ref Utf8JsonReader reader)
    {
        string? id = null, apiTokenName = null, avatarUrl = null, fullName = null, username = null;
        SubjectType? subjectType = null;
        var hasId = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = Fields.Subject(ref reader);
            reader.Read();
            switch (field)
            {
                case SubjectField.Id: id = Wire.String(ref reader, "id"); hasId = true; break;
                case SubjectField.SubjectType: subjectType = Wire.Subject(ref reader); break;
                case SubjectField.ApiTokenName: apiTokenName = Wire.NullableString(ref reader, "apiTokenName"); break;
                case SubjectField.AvatarUrl: avatarUrl = Wire.NullableString(ref reader, "avatarUrl"); break;
                case SubjectField.FullName: fullName = Wire.NullableString(ref reader, "fullName"); break;
                case SubjectField.Username: username = Wire.NullableString(ref reader, "username"); break;
                default: reader.TrySkip(); break;
            }
        }
        if (!hasId)
        {
            throw Wire.Missing("subject", null, (false, "id"));
        }
        return new SubjectProfile
        {
            Id = id!, SubjectType = subjectType, ApiTokenName = apiTokenName, AvatarUrl = avatarUrl, FullName = fullName, Username = username,
        };
    }

    private static TokenRole ReadRole(ref Utf8JsonReader reader)
    {
        string? entityId = null, role = null, deploymentId = null;
        EntityType? entityType = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = Fields.Role(ref reader);
            reader.Read();
            switch (field)
            {
                case RoleField.EntityId: entityId = Wire.String(ref reader, "entityId"); break;
                case RoleField.EntityType: entityType = Wire.Entity(ref reader); break;
                case RoleField.Role: role = Wire.String(ref reader, "role"); break;
                case RoleField.DeploymentId: deploymentId = Wire.NullableString(ref reader, "deploymentId"); break;
                default: reader.TrySkip(); break;
            }
        }
        if (entityId is null || entityType is null || role is null)
        {
            throw Wire.Missing("role", null, (entityId is not null, "entityId"), (entityType is not null, "entityType"), (role is not null, "role"));
        }
        return new TokenRole { EntityId = entityId, EntityType = entityType.Value, Role = role, DeploymentId = deploymentId };
    }

    /// <summary>Compares byte arrays by content, and looks them up by span without allocating.</summary>
    private sealed class BytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static BytesComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
