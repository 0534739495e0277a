namespace AgentTokens;

/// <summary>The base path under which the agent-token operations are served.</summary>
public enum ApiVersion
{
    /// <summary><c>/v1</c>, the stable API (the default). Writes the token's type as <c>scope</c>.</summary>
    V1 = 0,

    /// <summary><c>/iam/v1beta1</c>, the IAM reference.</summary>
    IamV1Beta1 = 1,

    /// <summary><c>/platform/v1beta1</c>, the preview reference this project started from.</summary>
    PlatformV1Beta1 = 2,
}

/// <summary>Helpers for <see cref="ApiVersion"/>.</summary>
public static class ApiVersions
{
    /// <summary>The path prefix of a version, without leading or trailing slash (e.g. <c>iam/v1beta1</c>).</summary>
    /// <param name="version">The version.</param>
    public static string PathPrefix(this ApiVersion version) => version switch
    {
        ApiVersion.V1 => "v1",
        ApiVersion.IamV1Beta1 => "iam/v1beta1",
        ApiVersion.PlatformV1Beta1 => "platform/v1beta1",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown API version."),
    };

    /// <summary>Parses <c>v1</c>, <c>iam/v1beta1</c> or <c>iam-v1beta1</c>, <c>platform/v1beta1</c> or <c>platform-v1beta1</c>.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="version">The version, when the text names one.</param>
    public static bool TryParse(string? text, out ApiVersion version)
    {
        switch (text?.Trim().Trim('/').Replace('-', '/').ToLowerInvariant())
        {
            case "v1": version = ApiVersion.V1; return true;
            case "iam/v1beta1": version = ApiVersion.IamV1Beta1; return true;
            case "platform/v1beta1": version = ApiVersion.PlatformV1Beta1; return true;
            default: version = default; return false;
        }
    }
}
