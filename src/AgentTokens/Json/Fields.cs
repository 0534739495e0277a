using System.Text.Json;

namespace AgentTokens;

internal enum TokenField : byte
{
    Unknown, Id, Name, Description, Kind, Type, Scope, ShortToken, Token, CreatedAt, UpdatedAt, StartAt, EndAt,
    ExpiryPeriodInDays, LastUsedAt, LastRotatedAt, CreatedBy, UpdatedBy, Roles,
}

internal enum SubjectField : byte { Unknown, Id, SubjectType, ApiTokenName, AvatarUrl, FullName, Username }

internal enum RoleField : byte { Unknown, EntityId, EntityType, Role, DeploymentId }

internal enum PageField : byte { Unknown, Limit, Offset, Tokens, TotalCount }

/// <summary>
/// Field names of the wire types, matched on the UTF-8 bytes (by length first), exactly and case-sensitively as
/// the source-generated contract does; an escaped name is unescaped first.
/// </summary>
internal static class Fields
{
    /// <summary>Room for the longest field name (18 characters) with every character escaped (\uXXXX, 6 bytes each).</summary>
    private const int LongestName = 128;

    public static TokenField Token(ref Utf8JsonReader reader)
    {
        Span<byte> scratch = stackalloc byte[LongestName];
        var n = Name(in reader, scratch);
        return n.Length switch
        {
            2 when n.SequenceEqual("id"u8) => TokenField.Id,
            4 when n.SequenceEqual("name"u8) => TokenField.Name,
            4 when n.SequenceEqual("kind"u8) => TokenField.Kind,
            4 when n.SequenceEqual("type"u8) => TokenField.Type,
            5 when n.SequenceEqual("roles"u8) => TokenField.Roles,
            5 when n.SequenceEqual("endAt"u8) => TokenField.EndAt,
            5 when n.SequenceEqual("scope"u8) => TokenField.Scope,
            5 when n.SequenceEqual("token"u8) => TokenField.Token,
            7 when n.SequenceEqual("startAt"u8) => TokenField.StartAt,
            9 when n.SequenceEqual("createdAt"u8) => TokenField.CreatedAt,
            9 when n.SequenceEqual("updatedAt"u8) => TokenField.UpdatedAt,
            9 when n.SequenceEqual("createdBy"u8) => TokenField.CreatedBy,
            9 when n.SequenceEqual("updatedBy"u8) => TokenField.UpdatedBy,
            10 when n.SequenceEqual("shortToken"u8) => TokenField.ShortToken,
            10 when n.SequenceEqual("lastUsedAt"u8) => TokenField.LastUsedAt,
            11 when n.SequenceEqual("description"u8) => TokenField.Description,
            13 when n.SequenceEqual("lastRotatedAt"u8) => TokenField.LastRotatedAt,
            18 when n.SequenceEqual("expiryPeriodInDays"u8) => TokenField.ExpiryPeriodInDays,
            _ => TokenField.Unknown,
        };
    }

    public static SubjectField Subject(ref Utf8JsonReader reader)
    {
        Span<byte> scratch = stackalloc byte[LongestName];
        var n = Name(in reader, scratch);
        return n.Length switch
        {
            2 when n.SequenceEqual("id"u8) => SubjectField.Id,
            8 when n.SequenceEqual("fullName"u8) => SubjectField.FullName,
            8 when n.SequenceEqual("username"u8) => SubjectField.Username,
            9 when n.SequenceEqual("avatarUrl"u8) => SubjectField.AvatarUrl,
            11 when n.SequenceEqual("subjectType"u8) => SubjectField.SubjectType,
            12 when n.SequenceEqual("apiTokenName"u8) => SubjectField.ApiTokenName,
            _ => SubjectField.Unknown,
        };
    }

    public static RoleField Role(ref Utf8JsonReader reader)
    {
        Span<byte> scratch = stackalloc byte[LongestName];
        var n = Name(in reader, scratch);
        return n.Length switch
        {
            4 when n.SequenceEqual("role"u8) => RoleField.Role,
            8 when n.SequenceEqual("entityId"u8) => RoleField.EntityId,
            10 when n.SequenceEqual("entityType"u8) => RoleField.EntityType,
            12 when n.SequenceEqual("deploymentId"u8) => RoleField.DeploymentId,
            _ => RoleField.Unknown,
        };
    }

    public static PageField Page(ref Utf8JsonReader reader)
    {
        Span<byte> scratch = stackalloc byte[LongestName];
        var n = Name(in reader, scratch);
        return n.Length switch
        {
            5 when n.SequenceEqual("limit"u8) => PageField.Limit,
            6 when n.SequenceEqual("offset"u8) => PageField.Offset,
            6 when n.SequenceEqual("tokens"u8) => PageField.Tokens,
            10 when n.SequenceEqual("totalCount"u8) => PageField.TotalCount,
            _ => PageField.Unknown,
        };
    }

    /// <summary>The property name's bytes, unescaped; an escaped name too long to be any field comes back as it is (and matches none).</summary>
    private static ReadOnlySpan<byte> Name(in Utf8JsonReader reader, Span<byte> scratch)
    {
        if (!reader.ValueIsEscaped || reader.ValueSpan.Length > scratch.Length)
        {
            return reader.ValueSpan;
        }
        var length = reader.CopyString(scratch);
        return scratch[..length];
    }
}
