using System.Text;
using CleanDashboard.Application.Capture;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Gateway.IntegrationTests.Capture;

/// <summary>Secrets in a prompt never reach the database: the capture holds <c>[redacted:kind]</c>, counted, and the SQLite file holds neither the secret nor a compressed copy of it.</summary>
public sealed class CaptureRedactionTests(CaptureFixture gateway) : IClassFixture<CaptureFixture>
{
    private static readonly string[] Secrets =
    [
        "jane.doe@example.com",
        "sk-proj-abcdefghijklmnop1234567890",
        "eyJhbGciOiJIUzI1NiJ9.payload.signature",
        "4111 1111 1111 1111",
        "+1 415 555 0100",
        "TICKET-123456",
    ];

    private static readonly string Prompt =
        "Mail jane.doe@example.com, key sk-proj-abcdefghijklmnop1234567890, header Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature, "
        + "card 4111 1111 1111 1111, call +1 415 555 0100 about TICKET-123456; order 4111111111111112 stays.";

    private static readonly string RedactedPrompt =
        "Mail [redacted:email], key [redacted:api_key], header [redacted:bearer_token], "
        + "card [redacted:card_number], call [redacted:phone] about [redacted:ticket]; order 4111111111111112 stays.";

    [Fact]
    public async Task Capture_WhenThePromptHoldsSecrets_ShouldStoreTheRedactedTextAndCountEachKind()
    {
        var caller = await gateway.NewCallerAsync();

        await CaptureFixture.PostAsync(caller, "v1/chat/completions", Body(Prompt));

        var capture = (await gateway.DetailAsync((await caller.SingleRequestLogAsync()).Id)).GetProperty("capture");
        capture.GetProperty("requestBody").GetString().Should().Be(Body(RedactedPrompt));
        capture.GetProperty("responseText").GetString().Should().Contain("\"content\":\"Echo: " + RedactedPrompt + "\"");
        capture.GetProperty("redactions").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())).Should().BeEquivalentTo(
            [("api_key", 2), ("bearer_token", 2), ("card_number", 2), ("email", 2), ("phone", 2), ("ticket", 2)],
            "each secret is once in the prompt and once in the echoed answer");
    }

    [Fact]
    public async Task DatabaseFile_AfterSecretsWereCaptured_ShouldHoldNoSecretPlainOrCompressed()
    {
        if (TestDatabaseTarget.UsesPostgres)
        {
            Assert.Skip("Scans the SQLite database file.");
        }

        var caller = await gateway.NewCallerAsync();
        await CaptureFixture.PostAsync(caller, "v1/chat/completions", Body(Prompt));
        var row = await caller.SingleRequestLogAsync();

        var onDisk = Encoding.UTF8.GetString(ReadAll(gateway.DatabasePath)) + Encoding.UTF8.GetString(ReadAll(gateway.DatabasePath + "-wal"));
        foreach (var secret in Secrets)
        {
            onDisk.Should().NotContain(secret);
        }

        await using var scope = gateway.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().RequestCaptures.AsNoTracking().SingleAsync(c => c.RequestLogId == row.Id, TestContext.Current.CancellationToken);
        var decompressed = CaptureCompression.Decompress(stored.RequestBody) + CaptureCompression.Decompress(stored.ResponseText);
        decompressed.Should().Contain("[redacted:email]");
        foreach (var secret in Secrets)
        {
            decompressed.Should().NotContain(secret);
        }
    }

    private static string Body(string prompt) => $$"""{"model":"demo-echo","messages":[{"role":"user","content":"{{prompt}}"}]}""";

    private static byte[] ReadAll(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }
}
