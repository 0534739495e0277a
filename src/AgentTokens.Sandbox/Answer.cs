using System.Text;

namespace AgentTokens.Sandbox;

/// <summary>An HTTP answer before it is written: status, body, content type and extra headers.</summary>
internal sealed record Answer(int Status, byte[]? Body, string ContentType = "application/json; charset=utf-8")
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>A body given as pieces to write in turn (a page of precomputed tokens); <see cref="Body"/> is then null.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>>? Segments { get; init; }

    /// <summary>An answer whose body is written piece by piece.</summary>
    public static Answer Pieces(int status, IReadOnlyList<ReadOnlyMemory<byte>> segments) => new(status, null) { Segments = segments };

    /// <summary>The body as one array (pieces joined), or null when there is none.</summary>
    public byte[]? WholeBody() => Segments is null ? Body : WireFormat.Join(Segments);

    public static Answer Error(int status, string message, string requestId, IReadOnlyList<(string, string, string)>? fieldErrors = null) =>
        new(status, WireFormat.Error(status, message, requestId, fieldErrors));

    public static Answer Text(int status, string text) => new(status, Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");

    public static Answer NoContent { get; } = new(204, null);
}
