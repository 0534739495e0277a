using System.Text.Json;

namespace AgentTokens;

/// <summary>
/// Reads one <see cref="AgentToken"/> straight from a <see cref="Utf8JsonReader"/>, with the same meaning as the
/// source-generated contract (<see cref="AgentTokensJsonContext"/>): unknown fields skipped, the last of duplicate
/// fields wins, <c>type</c> or <c>scope</c>, required fields checked, nulls only where the model allows them.
/// Known enumeration values and repeated subjects are shared, not allocated again; only what the model keeps is built.
/// </summary>
/// <remarks>
/// Resumable: when the data ends inside the object (a block that is not final), it answers false and the caller
/// reads the object again from its start once more data has arrived. One instance per page stream; not thread-safe.
/// </remarks>
internal sealed class TokenJsonReader
{
    private readonly SubjectCache _subjects = new();
    private readonly List<TokenRole> _roles = [];

    /// <summary>Reads the object the reader is on (its StartObject); false when the data ends first.</summary>
    /// <exception cref="JsonException">The object is not an agent token: a field of the wrong type, a required field missing.</exception>
    public bool TryRead(ref Utf8JsonReader reader, out AgentToken? token)
    {
        token = null;
        string? id = null, name = null, description = null, shortToken = null, secret = null;
        TokenKind? kind = null;
        TokenType? type = null, scope = null;
        DateTimeOffset? createdAt = null, updatedAt = null, startAt = null, endAt = null, lastUsedAt = null, lastRotatedAt = null;
        int? expiry = null;
        SubjectProfile? createdBy = null, updatedBy = null;
        IReadOnlyList<TokenRole>? roles = null;
        bool hasId = false, hasName = false, hasKind = false, hasShortToken = false, hasCreatedAt = false, hasUpdatedAt = false, hasStartAt = false;
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }
            var field = Fields.Token(ref reader);
            if (!reader.Read())
            {
                return false;
            }
            switch (field)
            {
                case TokenField.Id: id = Wire.String(ref reader, "id"); hasId = true; break;
                case TokenField.Name: name = Wire.String(ref reader, "name"); hasName = true; break;
                case TokenField.Description: description = Wire.NullableString(ref reader, "description"); break;
                case TokenField.Kind: kind = Wire.Kind(ref reader); hasKind = true; break;
                case TokenField.Type: type = Wire.Type(ref reader, "type"); break;
                case TokenField.Scope: scope = Wire.NullableType(ref reader, "scope"); break;
                case TokenField.ShortToken: shortToken = Wire.String(ref reader, "shortToken"); hasShortToken = true; break;
                case TokenField.Token: secret = Wire.NullableString(ref reader, "token"); break;
                case TokenField.CreatedAt: createdAt = Wire.Date(ref reader, "createdAt"); hasCreatedAt = true; break;
                case TokenField.UpdatedAt: updatedAt = Wire.Date(ref reader, "updatedAt"); hasUpdatedAt = true; break;
                case TokenField.StartAt: startAt = Wire.Date(ref reader, "startAt"); hasStartAt = true; break;
                case TokenField.EndAt: endAt = Wire.NullableDate(ref reader, "endAt"); break;
                case TokenField.LastUsedAt: lastUsedAt = Wire.NullableDate(ref reader, "lastUsedAt"); break;
                case TokenField.LastRotatedAt: lastRotatedAt = Wire.NullableDate(ref reader, "lastRotatedAt"); break;
                case TokenField.ExpiryPeriodInDays: expiry = Wire.NullableInt(ref reader, "expiryPeriodInDays"); break;
                case TokenField.CreatedBy:
                    if (!_subjects.TryRead(ref reader, "createdBy", out createdBy))
                    {
                        return false;
                    }
                    break;
                case TokenField.UpdatedBy:
                    if (!_subjects.TryRead(ref reader, "updatedBy", out updatedBy))
                    {
                        return false;
                    }
                    break;
                case TokenField.Roles:
                    if (!TryReadRoles(ref reader, out roles))
                    {
                        return false;
                    }
                    break;
                default:
                    if (!reader.TrySkip())
                    {
                        return false;
                    }
                    break;
            }
        }
        if (!(hasId && hasName && hasKind && hasShortToken && hasCreatedAt && hasUpdatedAt && hasStartAt))
        {
            throw Wire.Missing("agent token", id,
                (hasId, "id"), (hasName, "name"), (hasKind, "kind"), (hasShortToken, "shortToken"),
                (hasCreatedAt, "createdAt"), (hasUpdatedAt, "updatedAt"), (hasStartAt, "startAt"));
        }
        var scopeOrType = type ?? scope ?? throw new JsonException($"Agent token '{id}' has neither 'type' nor 'scope'.");
        token = new AgentToken
        {
            Id = id!, Name = name!, Description = description ?? "", Kind = kind!.Value, Type = scopeOrType,
            ShortToken = shortToken!, Token = secret,
            CreatedAt = createdAt!.Value, UpdatedAt = updatedAt!.Value, StartAt = startAt!.Value,
            EndAt = endAt, ExpiryPeriodInDays = expiry, LastUsedAt = lastUsedAt, LastRotatedAt = lastRotatedAt,
            CreatedBy = createdBy, UpdatedBy = updatedBy, Roles = roles ?? [],
        };
        return true;
    }

    /// <summary>The roles array (or null, read as no roles); false when the data ends first.</summary>
    private bool TryReadRoles(ref Utf8JsonReader reader, out IReadOnlyList<TokenRole>? roles)
    {
        roles = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Wire.WrongType("roles", "an array", reader.TokenType);
        }
        _roles.Clear();
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }
            if (!_subjects.TryReadRole(ref reader, out var role))
            {
                return false;
            }
            _roles.Add(role);
        }
        roles = _roles.Count == 0 ? [] : _roles.ToArray();
        return true;
    }
}
