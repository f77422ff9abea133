using System.Diagnostics;
using System.Net;
using CleanDashboard.WebApi.Gateway.Failover;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>
/// The one connection pool to all upstreams: no proxy, no redirects, no cookies, no decompression (bytes pass through
/// as the upstream sent them), and a connect timeout so an unreachable upstream fails fast with 502.
/// </summary>
public sealed class UpstreamHttpClient : IDisposable
{
    public UpstreamHttpClient(IOptions<GatewayOptions> options, UpstreamCircuits circuits) =>
        Invoker = new HttpMessageInvoker(new UpstreamCircuitHandler(circuits) { InnerHandler = new UpstreamSilenceHandler(options.Value.UpstreamTimeout)
        {
            InnerHandler = new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                EnableMultipleHttp2Connections = true,
                ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
                ConnectTimeout = options.Value.ConnectTimeout,
            },
        } });

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();
}
