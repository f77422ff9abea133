using System.Net;

namespace CleanDashboard.WebApi.IntegrationTests.Tracking;

/// <summary>A client closing its connection on Kestrel before the answer's body was written: it never had the answer (499).</summary>
public sealed class ClientHangUpTests : IAsyncLifetime
{
    private TrackingTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await TrackingTestHost.StartOnKestrelAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Track_WhenTheClientClosesAfterTheHeadersBeforeTheBody_ShouldRecord499()
    {
        using (var connection = _host.NewConnection())
        {
            using var response = await connection.SendAsync(_host.Post("/v1/test/wait-for-hang-up-then-answer", """{"model":"gpt-4o","messages":[]}"""), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentLength.Should().Be(TestModelEndpoints.OpenAiJson.Length);
        }

        // The body was written after the connection closed: the client never had it.
        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.StatusCode.Should().Be(499);
        log.ModelName.Should().Be("gpt-4o");
    }
}
