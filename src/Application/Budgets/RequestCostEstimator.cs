using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Gateway.DemoModel;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Application.Budgets;

/// <summary>
/// What a request will cost at most, reserved before it is forwarded (decision 095): the demo model's exact usage,
/// else the prompt's tokens (the model's tokenizer) at the input price plus <c>max_tokens</c> (or
/// <c>Budgets:DefaultCompletionTokens</c>) at the output price; embeddings and metadata calls have no completion.
/// </summary>
public sealed class RequestCostEstimator(PricingCatalog pricing, BudgetOptions options)
{
    public RequestEstimate Estimate(GatewayRequest request, GatewayOperation operation, bool demoModel, DateTime at, string? provider)
    {
        var (prompt, completion) = demoModel ? DemoUsage(request, operation) : UpstreamUsage(request, operation);
        var usage = new TokenUsage(request.Model, prompt, completion, prompt + completion);
        return new RequestEstimate(pricing.Cost(request.Model, usage, at, provider), prompt + completion);
    }

    private static (int Prompt, int Completion) DemoUsage(GatewayRequest request, GatewayOperation operation) => operation switch
    {
        GatewayOperation.Embeddings or GatewayOperation.OllamaEmbed or GatewayOperation.OllamaLegacyEmbeddings => (DemoEcho.Embed(request).PromptTokens, 0),
        GatewayOperation.OllamaShow => (0, 0),
        GatewayOperation.AnthropicCountTokens => (0, 0),
        _ => DemoReplyUsage(DemoEcho.Reply(request, operation)),
    };

    private static (int, int) DemoReplyUsage(DemoReply reply) => (reply.PromptTokens, reply.CompletionTokens);

    private (int Prompt, int Completion) UpstreamUsage(GatewayRequest request, GatewayOperation operation)
    {
        if (operation is GatewayOperation.OllamaShow or GatewayOperation.AnthropicCountTokens)
        {
            return (0, 0);
        }

        var prompt = ModelTokenizer.CountTokens(request.Model, PromptText.Of(request.Body));
        var answers = operation is not (GatewayOperation.Embeddings or GatewayOperation.OllamaEmbed or GatewayOperation.OllamaLegacyEmbeddings);
        return (prompt, answers ? DemoEcho.MaxTokens(request.Body, operation) ?? options.DefaultCompletionTokens : 0);
    }
}
