using System.Net;
using System.Text;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;

namespace CleanDashboard.Gateway.IntegrationTests.Fuzz;

/// <summary>
/// Every generated malformed request (<see cref="RequestGrammar"/>), sent to the real app on a real socket with the demo
/// model on: none may answer 5xx or drop the connection. A failure lists every failing case by name, so each can be
/// replayed from the grammar's fixed seed.
/// </summary>
public sealed class MalformedRequestFuzzTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public void Grammar_WhenGeneratedTwice_ShouldGiveTheSameCasesCoveringEveryRoute()
    {
        var cases = RequestGrammar.Generate();

        cases.Should().HaveCountGreaterThanOrEqualTo(300);
        cases.Select(c => c.Name).Should().Equal(RequestGrammar.Generate().Select(c => c.Name));
        var paths = cases.Select(c => c.PathAndQuery.Split('?')[0]).ToHashSet();
        paths.Should().Contain(
        [
            "v1/chat/completions", "v1/completions", "v1/embeddings", "v1/models", "ollama/api/chat", "ollama/api/generate", "ollama/api/embed",
            "ollama/api/tags", "api/dashboard/", "api/dashboard", "api/feedback", "api/admin/users", "api/admin/api-keys", "api/admin/threats/resolve",
            "api/admin/threats/unresolve", "api/admin/request-logs", "api/admin/request-logs/export", "api/admin/user-sessions", "api/admin/feedback",
            "api/admin/threats", "api/admin/model-usage-stats",
        ]);
    }

    [Fact]
    public async Task EveryRoute_WhenSentGeneratedMalformedRequests_ShouldNeverAnswer5xxNorDropTheConnection()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var cases = RequestGrammar.Generate();
        var member = await gateway.NewCallerAsync();
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { Timeout = TimeSpan.FromSeconds(30) };
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();

        foreach (var fuzz in cases)
        {
            using var request = fuzz.ToRequest(gateway.BaseAddress);
            request.Headers.Authorization ??= fuzz.Authorization(GatewayFixture.AdminKey, member.Key);
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellation);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500)
                {
                    var body = await response.Content.ReadAsStringAsync(cancellation);
                    failures.Add($"{fuzz.Name}\n    → {status} {body[..Math.Min(body.Length, 300)]}");
                }
            }
            catch (HttpRequestException ex)
            {
                failures.Add($"{fuzz.Name}\n    → connection dropped: {ex.Message} {ex.InnerException?.Message}");
            }
        }

        var summary = new StringBuilder()
            .Append(failures.Count).Append(" of ").Append(cases.Count).AppendLine(" cases answered 5xx or dropped the connection:")
            .AppendJoin('\n', failures)
            .AppendLine().Append("statuses: ").AppendJoin(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))
            .ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        failures.Should().BeEmpty(summary);
        statuses.Keys.Should().Contain([200, 400], "the grammar reaches both the handlers and their validation: " + summary);
    }
}
