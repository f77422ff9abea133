using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using CleanDashboard.Application.Gateway.DemoModel;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;

namespace CleanDashboard.Gateway.IntegrationTests.Protocols;

/// <summary>The routes integrations probe before they send a prompt: one model, and Ollama's show, version, ps and legacy embeddings.</summary>
public sealed class DiscoveryRoutesTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RetrieveModel_ShouldAnswerTheModelOfTheListOrTheSdksNotFoundError()
    {
        var caller = await gateway.NewCallerAsync();
        var models = caller.OpenAI().GetOpenAIModelClient();

        var demo = (await models.GetModelAsync("demo-echo", Cancellation)).Value;
        var upstream = (await models.GetModelAsync("gpt-4o-mini", Cancellation)).Value;
        var act = () => models.GetModelAsync("other-model", Cancellation);

        (demo.Id, demo.OwnedBy).Should().Be(("demo-echo", "demo"));
        (upstream.Id, upstream.OwnedBy, upstream.CreatedAt).Should().Be(("gpt-4o-mini", "stub-openai", DateTimeOffset.FromUnixTimeSeconds(1721172741)));
        var error = (await act.Should().ThrowAsync<ClientResultException>()).Which;
        error.Status.Should().Be(404);
        error.Message.Should().Be(
            "HTTP 404 (invalid_request_error: model_not_found)\nParameter: model\n\nThe model 'other-model' does not exist or is not served by this gateway (GET /v1/models lists them).");
        var rows = await caller.RequestLogsAsync(3);
        rows.Select(r => (r.Method, r.Endpoint, r.StatusCode)).Should().Equal(
            ("GET", "/v1/models/{**modelId}", 200), ("GET", "/v1/models/{**modelId}", 200), ("GET", "/v1/models/{**modelId}", 404));
    }

    [Fact]
    public async Task OllamaShow_ShouldDescribeTheDemoModelAndForwardOtherModelsToTheirOllamaUpstream()
    {
        var caller = await gateway.NewCallerAsync();
        using var ollama = caller.Ollama();

        var demo = await ollama.ShowModelAsync(new OllamaSharp.Models.ShowModelRequest { Model = "demo-echo" }, Cancellation);
        var upstream = await ollama.ShowModelAsync(new OllamaSharp.Models.ShowModelRequest { Model = "llama3.2" }, Cancellation);

        (demo.Details.Family, demo.Details.Format).Should().Be(("demo-echo", "builtin"));
        demo.Capabilities.Should().Equal("completion", "embedding");
        (upstream.Modelfile, upstream.Details.Family).Should().Be((StubUpstream.StubModelfile, "llama"));
        var received = gateway.Stub.LastRequestTo("/api/show");
        received.Body["model"]!.GetValue<string>().Should().Be("llama3.2");
        var rows = await caller.RequestLogsAsync(2);
        rows.Select(r => (r.Endpoint, r.StatusCode, r.ModelName, r.Upstream)).Should().Equal(
            ("/ollama/api/show", 200, "demo-echo", "demo"), ("/ollama/api/show", 200, "llama3.2", "stub-ollama"));
    }

    [Fact]
    public async Task OllamaVersionAndPs_ShouldAnswerTheCompatibleVersionAndNoLoadedModels()
    {
        var caller = await gateway.NewCallerAsync();
        using var ollama = caller.Ollama();

        var version = await ollama.GetVersionAsync(Cancellation);
        var running = await ollama.ListRunningModelsAsync(Cancellation);

        version.ToString().Should().Be("0.12.0");
        running.Should().BeEmpty();
    }

    [Fact]
    public async Task OllamaLegacyEmbeddings_ForTheDemoModel_ShouldAnswerOneEmbeddingOfThePrompt()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PostAsync(
            "ollama/api/embeddings", new StringContent("""{"model":"demo-echo","prompt":"hello world"}""", Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        body.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("embedding");
        body.RootElement.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).Should().Equal(DemoEcho.Vector("hello world", DemoEcho.DefaultDimensions));
        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.StatusCode, row.ModelName).Should().Be(("/ollama/api/embeddings", 200, "demo-echo"));
    }

    [Fact]
    public async Task OllamaLegacyEmbeddings_WhenPromptIsMissing_ShouldBe400InOllamasShape()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PostAsync("ollama/api/embeddings", new StringContent("""{"model":"demo-echo"}""", Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        body.RootElement.GetProperty("error").GetString().Should().Be("Missing required parameter: 'prompt'.");
    }
}
