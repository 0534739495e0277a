using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AgentTokens.Sandbox;

/// <summary>Writes an <see cref="Answer"/> to the response, with the faults that change how a body leaves.</summary>
internal static partial class AnswerWriter
{
    public static async Task WriteAsync(HttpContext context, Answer answer, IReadOnlyList<Fault> applied)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers[name] = value;
        }
        var success = answer.Status is >= 200 and < 300;
        if (answer.Body is null && answer.Segments is null)
        {
            if (success && applied.Any(f => f is Fault.SimpleFault { Kind: "truncate" }))
            {
                // Carried out, but the answer never arrives.
                context.Abort();
            }
            return;
        }
        if (success && applied.OfType<Fault.GzipBombFault>().FirstOrDefault() is { } bomb)
        {
            await HostileAnswers.WriteGzipBombAsync(response, bomb.Bytes, context.RequestAborted);
            return;
        }
        var bodyFault = success && applied.Any(f => f is Fault.SimpleFault { Kind: "malformed" or "wrong-type" or "truncate" or "hostile-names" or "no-secret" or "hostile-secret" or "hostile-deployment-ids" }
            or Fault.PauseBodyFault or Fault.HugeBodyFault);
        if (answer.Segments is { } segments && !bodyFault)
        {
            response.ContentType = answer.ContentType;
            response.ContentLength = segments.Sum(s => (long)s.Length);
            await WritePiecesAsync(response.BodyWriter, segments, context.RequestAborted);
            return;
        }
        var body = answer.WholeBody()!;
        if (success)
        {
            body = Transformed(body, applied);
        }
        response.ContentType = answer.ContentType;
        response.ContentLength = body.Length;
        if (success && applied.Any(f => f is Fault.SimpleFault { Kind: "truncate" }))
        {
            await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }
        if (success && applied.OfType<Fault.PauseBodyFault>().FirstOrDefault() is { } pause)
        {
            await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            await (pause.Resume ?? Task.Delay(pause.Pause)).WaitAsync(context.RequestAborted);
            await response.Body.WriteAsync(body.AsMemory(body.Length / 2), context.RequestAborted);
            return;
        }
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>A successful body as the faults change it: hostile names, padding, a wrong type, cut JSON.</summary>
    private static byte[] Transformed(byte[] body, IReadOnlyList<Fault> applied)
    {
        if (applied.Any(f => f is Fault.SimpleFault { Kind: "hostile-names" }))
        {
            body = HostileAnswers.WithHostileNames(body);
        }
        foreach (var kind in applied.OfType<Fault.SimpleFault>().Select(f => f.Kind))
        {
            body = kind switch
            {
                "no-secret" => HostileAnswers.WithSecret(body, null),
                "hostile-secret" => HostileAnswers.WithSecret(body, "astro_" + HostileAnswers.Escapes + "0123456789abcdef"),
                "hostile-deployment-ids" => HostileAnswers.WithUnaddressableDeployments(body),
                _ => body,
            };
        }
        if (applied.OfType<Fault.HugeBodyFault>().FirstOrDefault() is { } huge)
        {
            body = HostileAnswers.Padded(body, huge.Bytes);
        }
        if (applied.Any(f => f is Fault.SimpleFault { Kind: "malformed" }))
        {
            body = [.. body.AsSpan(0, body.Length / 2), .. "\"}]{,"u8];
        }
        if (applied.Any(f => f is Fault.SimpleFault { Kind: "wrong-type" }))
        {
            body = WrongType(body);
        }
        return body;
    }

    /// <summary>Copies the pieces into the response's pipe, sending every 64 KiB.</summary>
    private static async Task WritePiecesAsync(PipeWriter writer, IReadOnlyList<ReadOnlyMemory<byte>> segments, CancellationToken cancellationToken)
    {
        var unsent = 0;
        foreach (var segment in segments)
        {
            writer.Write(segment.Span);
            unsent += segment.Length;
            if (unsent >= 64 * 1024)
            {
                await writer.FlushAsync(cancellationToken);
                unsent = 0;
            }
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Makes <c>totalCount</c> a string (pages) or <c>createdAt</c> a number (tokens).</summary>
    private static byte[] WrongType(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        text = TotalCount().IsMatch(text)
            ? TotalCount().Replace(text, "\"totalCount\":\"$1\"", 1)
            : CreatedAt().Replace(text, "\"createdAt\":12345", 1);
        return Encoding.UTF8.GetBytes(text);
    }

    [GeneratedRegex("\"totalCount\":(\\d+)")]
    private static partial Regex TotalCount();

    [GeneratedRegex("\"createdAt\":\"[^\"]*\"")]
    private static partial Regex CreatedAt();
}
