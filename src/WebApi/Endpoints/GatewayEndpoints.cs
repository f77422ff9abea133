using CleanDashboard.Application.Gateway;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Gateway.Protocols;
using CleanDashboard.WebApi.Hosting;

namespace CleanDashboard.WebApi.Endpoints;

/// <summary>
/// The model routes: OpenAI-compatible (<c>/v1/</c>), Anthropic-compatible (<c>/v1/messages</c>) and Ollama-compatible
/// (<c>/ollama/api/</c>). Any valid API key may call them; each route's errors are written in its protocol.
/// </summary>
public static class GatewayEndpoints
{
    public static IEndpointRouteBuilder MapGatewayEndpoints(this IEndpointRouteBuilder app)
    {
        var protocols = app.ServiceProvider.GetRequiredService<GatewayProtocols>();
        var openAI = app.MapGroup("/v1").WithTags("Gateway (OpenAI)").WithMetadata(protocols.For(UpstreamKind.OpenAI)).RequireAuthorization(AuthPolicies.ApiKey);
        openAI.MapPost("/chat/completions", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.ChatCompletions, cancellationToken)).WithSummary("Chat completion, streamed or not");
        openAI.MapPost("/completions", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.Completions, cancellationToken)).WithSummary("Text completion, streamed or not");
        openAI.MapPost("/embeddings", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.Embeddings, cancellationToken)).WithSummary("Embeddings");
        openAI.MapPost("/responses", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.Responses, cancellationToken)).WithSummary("Responses API: a response, streamed as events or not");
        openAI.MapGet("/responses/{responseId}", (HttpContext context, string responseId, GatewayProxy gateway) =>
            gateway.HandleStoredResponseAsync(context, responseId, null)).WithSummary("A stored response, from the first OpenAI-kind upstream");
        openAI.MapDelete("/responses/{responseId}", (HttpContext context, string responseId, GatewayProxy gateway) =>
            gateway.HandleStoredResponseAsync(context, responseId, null)).WithSummary("Deletes a stored response at the first OpenAI-kind upstream");
        openAI.MapGet("/responses/{responseId}/input_items", (HttpContext context, string responseId, GatewayProxy gateway) =>
            gateway.HandleStoredResponseAsync(context, responseId, "input_items")).WithSummary("A stored response's input items");
        openAI.MapGet("/models", (ModelCatalog models, CancellationToken cancellationToken) =>
            models.ListOpenAIModelsAsync(cancellationToken)).WithSummary("The models the gateway serves");
        openAI.MapGet("/models/{**modelId}", (string modelId, ModelCatalog models, CancellationToken cancellationToken) =>
            models.FindOpenAIModelAsync(modelId, cancellationToken)).WithSummary("One model the gateway serves");

        var anthropic = app.MapGroup("/v1").WithTags("Gateway (Anthropic)").WithMetadata(protocols.For(UpstreamKind.Anthropic)).RequireAuthorization(AuthPolicies.ApiKey);
        anthropic.MapPost("/messages", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.AnthropicMessages, cancellationToken)).WithSummary("Anthropic message, streamed or not");
        anthropic.MapPost("/messages/count_tokens", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.AnthropicCountTokens, cancellationToken)).WithSummary("Anthropic token count of a message request");

        var ollama = app.MapGroup("/ollama/api").WithTags("Gateway (Ollama)").WithMetadata(protocols.For(UpstreamKind.Ollama)).RequireAuthorization(AuthPolicies.ApiKey);
        ollama.MapPost("/chat", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.OllamaChat, cancellationToken)).WithSummary("Ollama chat, streamed unless stream is false");
        ollama.MapPost("/generate", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.OllamaGenerate, cancellationToken)).WithSummary("Ollama generate, streamed unless stream is false");
        ollama.MapPost("/embed", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.OllamaEmbed, cancellationToken)).WithSummary("Ollama embeddings");
        ollama.MapPost("/embeddings", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.OllamaLegacyEmbeddings, cancellationToken)).WithSummary("Ollama's legacy embeddings (one prompt)");
        ollama.MapPost("/show", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.OllamaShow, cancellationToken)).WithSummary("A model's details, from the Ollama upstream that serves it");
        ollama.MapGet("/version", () => TypedResults.Json(new OllamaVersion(OllamaProtocol.CompatibleVersion))).WithSummary("The Ollama API version the routes follow");
        ollama.MapGet("/ps", () => TypedResults.Json(new OllamaRunningModels([]))).WithSummary("Models loaded in memory: none, the gateway loads none itself");
        ollama.MapGet("/tags", (ModelCatalog models, CancellationToken cancellationToken) =>
            models.ListOllamaModelsAsync(cancellationToken)).WithSummary("The models the Ollama routes serve");

        return app;
    }
}

/// <summary><c>GET /ollama/api/version</c>.</summary>
internal sealed record OllamaVersion(string Version);

/// <summary><c>GET /ollama/api/ps</c>.</summary>
internal sealed record OllamaRunningModels(IReadOnlyList<object> Models);
