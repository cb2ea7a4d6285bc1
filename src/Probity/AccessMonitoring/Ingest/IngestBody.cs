namespace Probity.AccessMonitoring.Ingest;

/// <summary>
/// The request body as the event store reads it: the first bytes can be looked at before the store sees them (the
/// gzip magic number), and reading past the size limit stops the upload, chunked bodies included.
/// </summary>
internal sealed class IngestBody(Stream inner, long limit) : Stream
{
    private byte[] _prefix = [];
    private int _prefixRead;
    private long _total;

    internal sealed class TooLargeException(long limit) : IOException($"The batch is larger than the limit of {limit:N0} bytes.");

    public async Task<ReadOnlyMemory<byte>> PeekAsync(int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        var n = 0;
        while (n < count)
        {
            var read = await inner.ReadAsync(buffer.AsMemory(n), ct);
            if (read == 0) break;
            n += read;
        }
        _prefix = buffer[..n];
        Count(n);
        return _prefix;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefixRead < _prefix.Length)
        {
            var n = Math.Min(buffer.Length, _prefix.Length - _prefixRead);
            _prefix.AsSpan(_prefixRead, n).CopyTo(buffer.Span);
            _prefixRead += n;
            return n;
        }
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Count(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The server refuses synchronous reads of a request body; so does this.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the batch asynchronously.");

    private void Count(int n)
    {
        _total += n;
        if (_total > limit) throw new TooLargeException(limit);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _total; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
