using CleanDashboard.Application.Gateway;
using CleanDashboard.WebApi.Gateway.Protocols;
using Yarp.ReverseProxy.Forwarder;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>Sends the request to the upstream's address for the route, with the upstream's credentials instead of the client's, watched for silence.</summary>
internal sealed class UpstreamRequestTransformer(Uri address, Upstream upstream, GatewayProtocol upstreamProtocol, UpstreamSilence silence) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var query = httpContext.Request.QueryString;
        proxyRequest.RequestUri = query.HasValue ? new Uri(address.AbsoluteUri + query.Value) : address;

        // The client's key authenticated it to the gateway, in whichever header its SDK sends it; it is never the upstream's business.
        proxyRequest.Headers.Authorization = null;
        proxyRequest.Headers.Remove(AnthropicProtocol.ApiKeyHeader);
        upstreamProtocol.AuthenticateUpstream(proxyRequest, upstream);
        proxyRequest.Options.Set(UpstreamSilenceHandler.SilenceKey, silence);
    }
}
