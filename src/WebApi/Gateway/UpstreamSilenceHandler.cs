using CleanDashboard.WebApi.Common;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>
/// Enforces Gateway:UpstreamTimeout on every wait for an upstream: for the answer's headers (the request is cancelled,
/// which the forwarder reports as a timeout) and between two reads of its body. A body that stalls ends early instead of
/// failing, and <see cref="UpstreamSilence.TimedOut"/> tells the gateway to close the client's stream with an error event
/// in its protocol — the forwarder would otherwise reset the connection, and the client would see no reason at all.
/// </summary>
internal sealed class UpstreamSilenceHandler(TimeSpan timeout) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<UpstreamSilence> SilenceKey = new("CleanDashboard.UpstreamSilence");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(SilenceKey, out var silence))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        HttpResponseMessage response;
        using (var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            headersTimeout.CancelAfter(timeout);
            try
            {
                response = await base.SendAsync(request, headersTimeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                silence.TimedOut = true;
                throw;
            }
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var guarded = new StreamContent(new SilenceGuardStream(body, timeout, silence));
        foreach (var header in response.Content.Headers)
        {
            guarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = guarded;
        return response;
    }
}

/// <summary>Shared by one forwarded request and its handler: whether the upstream went silent past the timeout.</summary>
internal sealed class UpstreamSilence
{
    public volatile bool TimedOut;
}

/// <summary>Reads the upstream's body; a read that waits longer than the timeout ends the body (and marks the silence).</summary>
internal sealed class SilenceGuardStream(Stream inner, TimeSpan timeout, UpstreamSilence silence) : ReadOnlyStream
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (silence.TimedOut)
        {
            return 0;
        }

        using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        readTimeout.CancelAfter(timeout);
        try
        {
            return await inner.ReadAsync(buffer, readTimeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            silence.TimedOut = true;
            return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
