using CleanDashboard.Application.Gateway;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Infrastructure;

namespace CleanDashboard.WebApi.Endpoints;

/// <summary>The OpenAI-compatible (<c>/v1/</c>) and Ollama-compatible (<c>/ollama/api/</c>) model routes. Any valid API key may call them.</summary>
public static class GatewayEndpoints
{
    public static IEndpointRouteBuilder MapGatewayEndpoints(this IEndpointRouteBuilder app)
    {
        var openAI = app.MapGroup("/v1").WithTags("Gateway (OpenAI)").WithMetadata(GatewayErrorFormat.OpenAI).RequireAuthorization(AuthPolicies.ApiKey);
        openAI.MapPost("/chat/completions", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.ChatCompletions, cancellationToken)).WithSummary("Chat completion, streamed or not");
        openAI.MapPost("/completions", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.Completions, cancellationToken)).WithSummary("Text completion, streamed or not");
        openAI.MapPost("/embeddings", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.Embeddings, cancellationToken)).WithSummary("Embeddings");
        openAI.MapGet("/models", (ModelCatalog models, CancellationToken cancellationToken) =>
            models.ListOpenAIModelsAsync(cancellationToken)).WithSummary("The models the gateway serves");

        var ollama = app.MapGroup("/ollama/api").WithTags("Gateway (Ollama)").WithMetadata(GatewayErrorFormat.Ollama).RequireAuthorization(AuthPolicies.ApiKey);
        ollama.MapPost("/chat", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.OllamaChat, cancellationToken)).WithSummary("Ollama chat, streamed unless stream is false");
        ollama.MapPost("/generate", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.OllamaGenerate, cancellationToken)).WithSummary("Ollama generate, streamed unless stream is false");
        ollama.MapPost("/embed", (HttpContext context, GatewayProxy gateway, CancellationToken cancellationToken) =>
            gateway.HandleAsync(context, GatewayOperation.OllamaEmbed, cancellationToken)).WithSummary("Ollama embeddings");
        ollama.MapGet("/tags", (ModelCatalog models, CancellationToken cancellationToken) =>
            models.ListOllamaModelsAsync(cancellationToken)).WithSummary("The models the Ollama routes serve");

        return app;
    }
}
