using Yarp.ReverseProxy.Forwarder;

namespace CleanDashboard.WebApi.Gateway.Failover;

/// <summary>The upstream's own transformer, plus the attempt handed to <see cref="UpstreamCircuitHandler"/> in the request's options.</summary>
internal sealed class UpstreamAttemptTransformer(HttpTransformer inner, UpstreamAttempt attempt) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await inner.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.Options.Set(UpstreamAttempt.Key, attempt);
    }

    public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken) =>
        inner.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);

    public override ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken) =>
        inner.TransformResponseTrailersAsync(httpContext, proxyResponse, cancellationToken);
}
