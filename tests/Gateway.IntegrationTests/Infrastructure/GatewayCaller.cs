using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Linq.Expressions;
using Anthropic;
using CleanDashboard.Domain.Entities;
using OllamaSharp;
using OpenAI;

namespace CleanDashboard.Gateway.IntegrationTests.Infrastructure;

/// <summary>One API key of the member and the clients that send it; its request logs are the rows with its key id.</summary>
public sealed class GatewayCaller(GatewayFixture gateway, string key, int keyId)
{
    public string Key => key;

    public int KeyId => keyId;

    /// <summary>The official OpenAI SDK pointed at the gateway; no retries, so one call is one request.</summary>
    public OpenAIClient OpenAI(HttpClient? transport = null)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(gateway.BaseAddress, "v1"), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        if (transport is not null)
        {
            options.Transport = new HttpClientPipelineTransport(transport);
        }

        return new OpenAIClient(new ApiKeyCredential(key), options);
    }

    /// <summary>The official Anthropic SDK pointed at the gateway, sending the key as <c>x-api-key</c> as it does; no retries.</summary>
    public AnthropicClient Anthropic() => new() { ApiKey = key, BaseUrl = gateway.BaseAddress.AbsoluteUri.TrimEnd('/'), MaxRetries = 0 };

    /// <summary>OllamaSharp pointed at the gateway's /ollama/ routes.</summary>
    public OllamaApiClient Ollama()
    {
        var http = new HttpClient { BaseAddress = new Uri(gateway.BaseAddress, "ollama/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new OllamaApiClient(http);
    }

    public HttpClient Http() => gateway.HttpClient(key);

    public Task<RequestLog> SingleRequestLogAsync() => gateway.SingleRequestLogAsync(r => r.ApiKeyId == keyId);

    public Task<List<RequestLog>> RequestLogsAsync(int expected) => gateway.RequestLogsAsync(r => r.ApiKeyId == keyId, expected);
}
