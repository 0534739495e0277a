using System.Text;

namespace AgentTokens.Sandbox;

/// <summary>An HTTP answer before it is written: status, body, content type and extra headers.</summary>
internal sealed record Answer(int Status, byte[]? Body, string ContentType = "application/json; charset=utf-8")
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public static Answer Error(int status, string message, string requestId, IReadOnlyList<(string, string, string)>? fieldErrors = null) =>
        new(status, WireFormat.Error(status, message, requestId, fieldErrors));

    public static Answer Text(int status, string text) => new(status, Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");

    public static Answer NoContent { get; } = new(204, null);
}
