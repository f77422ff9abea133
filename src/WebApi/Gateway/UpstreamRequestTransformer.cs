using System.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>Sends the request to the upstream's address for the route, with the upstream's key instead of the client's, watched for silence.</summary>
internal sealed class UpstreamRequestTransformer(Uri address, string? upstreamApiKey, UpstreamSilence silence) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var query = httpContext.Request.QueryString;
        proxyRequest.RequestUri = query.HasValue ? new Uri(address.AbsoluteUri + query.Value) : address;

        // The client's key authenticated it to the gateway; it is never the upstream's business.
        proxyRequest.Headers.Authorization = upstreamApiKey is null ? null : new AuthenticationHeaderValue("Bearer", upstreamApiKey);
        proxyRequest.Options.Set(UpstreamSilenceHandler.SilenceKey, silence);
    }
}
