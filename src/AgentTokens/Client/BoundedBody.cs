using System.Globalization;
using System.Text;

namespace AgentTokens;

/// <summary>A body was longer than the bound it is read under.</summary>
internal sealed class BodyTooLargeException(long limit) : IOException($"The body is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// Reads answers under a byte bound that holds after decompression: the stream the handler gives is already
/// decompressed, so a body that inflates past the bound stops there, whatever it weighed on the wire.
/// </summary>
internal static class BoundedBody
{
    /// <summary>The body as a stream that fails once it has given more than <paramref name="limit"/> bytes (or at once when Content-Length says so).</summary>
    public static Stream Open(HttpContent content, Stream body, long limit) =>
        content.Headers.ContentEncoding.Count == 0 && content.Headers.ContentLength > limit
            ? throw new BodyTooLargeException(limit)
            : new LimitedStream(body, limit);

    /// <summary>Up to <paramref name="limit"/> bytes of the body as text, and whether more was left unread.</summary>
    public static async Task<(string Text, bool Cut)> ReadTextAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[(int)Math.Min(limit + 1, 1 << 20)];
            var filled = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return (Encoding.UTF8.GetString(buffer, 0, (int)Math.Min(filled, limit)), filled > limit);
        }
    }

    /// <summary>A size for messages: 16 MiB, 64 KiB, 300 bytes.</summary>
    public static string Size(long bytes) =>
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB")
        : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 10} KiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _given;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _given; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = inner.ReadAsync(buffer, cancellationToken);
            return read.IsCompletedSuccessfully ? new(Count(read.Result)) : Counted(read);
        }

        private async ValueTask<int> Counted(ValueTask<int> read) => Count(await read.ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _given += read;
            return _given > limit ? throw new BodyTooLargeException(limit) : read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }
}
