namespace AgentTokens;

/// <summary>The type of entity a role is granted on: DEPLOYMENT, WORKSPACE, ORGANIZATION, DAG or DAG_TAG, or a value added later by the server.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExtensibleEnumConverter<EntityType>))]
public sealed record EntityType : IExtensibleEnum<EntityType>
{
    /// <summary>Creates a entity type from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>DEPLOYMENT</c>.</param>
    public EntityType(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>A deployment.</summary>
    public static EntityType Deployment { get; } = new("DEPLOYMENT");

    /// <summary>A workspace.</summary>
    public static EntityType Workspace { get; } = new("WORKSPACE");

    /// <summary>An organization.</summary>
    public static EntityType Organization { get; } = new("ORGANIZATION");

    /// <summary>A single DAG (entityId is the DAG ID).</summary>
    public static EntityType Dag { get; } = new("DAG");

    /// <summary>All DAGs with a tag (entityId is the tag value).</summary>
    public static EntityType DagTag { get; } = new("DAG_TAG");

    /// <inheritdoc />
    public static IReadOnlyList<EntityType> Known { get; } = [Deployment, Workspace, Organization, Dag, DagTag];

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public static EntityType FromValue(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
