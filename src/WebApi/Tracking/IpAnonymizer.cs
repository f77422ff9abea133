using System.Net;
using System.Net.Sockets;

namespace CleanDashboard.WebApi.Tracking;

/// <summary>Zeroes the host part of an address: the last IPv4 octet, the last 80 bits of IPv6.</summary>
public static class IpAnonymizer
{
    public static IPAddress Anonymize(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return new IPAddress(bytes);
    }
}
