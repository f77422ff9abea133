using System.Net;

namespace CleanDashboard.WebApi.Tracking;

/// <summary>
/// The client's address: the socket peer, unless the peer is a trusted proxy (RequestTracking:TrustedProxies),
/// in which case X-Forwarded-For is read from the right, skipping trusted proxies, to the first untrusted hop.
/// A spoofed header from anyone else is ignored.
/// </summary>
public sealed class ClientAddressResolver(IReadOnlyList<IPNetwork> trustedProxies)
{
    public IPAddress? Resolve(HttpContext context)
    {
        var peer = Normalize(context.Connection.RemoteIpAddress);
        if (peer is null || !IsTrusted(peer))
        {
            return peer;
        }

        var hops = context.Request.Headers["X-Forwarded-For"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var client = peer;
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(hops[i], out var hop))
            {
                break;
            }

            client = Normalize(hop)!;
            if (!IsTrusted(client))
            {
                break;
            }
        }

        return client;
    }

    public static ClientAddressResolver FromConfiguration(IEnumerable<string> cidrs) => new(cidrs
        .Select(cidr => IPNetwork.TryParse(cidr, out var network)
            ? network
            : throw new InvalidOperationException($"RequestTracking:TrustedProxies: '{cidr}' is not a network in CIDR notation, such as 10.0.0.0/8."))
        .ToList());

    private bool IsTrusted(IPAddress address) => trustedProxies.Any(n => n.Contains(address));

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
