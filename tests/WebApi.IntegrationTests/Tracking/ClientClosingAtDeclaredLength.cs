using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CleanDashboard.WebApi.IntegrationTests.Tracking;

/// <summary>
/// The server's response body as it behaves when the client closes its connection the moment it has read an answer of
/// declared length, and the server learns of it before the app has returned (seen in CI on a loaded machine; Kestrel
/// cannot be made to do it on cue): every write up to the declared length is taken while the connection is open, and
/// every flush after that finds it closed.
/// </summary>
internal sealed class ClientClosingAtDeclaredLength(IHttpResponseBodyFeature inner, HttpResponse response) : PipeWriter, IHttpResponseBodyFeature
{
    /// <summary>A request carrying this header gets this response body (see <see cref="TrackingTestHost"/>).</summary>
    public const string Header = "X-Test-Client-Closes-At-Declared-Length";

    private Stream? _stream;
    private long _written;
    private bool _closed;

    public Stream Stream => _stream ??= AsStream(leaveOpen: true);

    public PipeWriter Writer => this;

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task CompleteAsync() => inner.CompleteAsync();

    public override void Advance(int bytes)
    {
        _written += bytes;
        inner.Writer.Advance(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.Writer.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.Writer.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.Writer.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Writer.Complete(exception);

    public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_closed)
        {
            return new FlushResult(isCanceled: false, isCompleted: true);
        }

        var result = await inner.Writer.FlushAsync(cancellationToken);
        _closed = _written >= response.ContentLength;
        return result;
    }
}
