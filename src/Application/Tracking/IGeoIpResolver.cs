using System.Net;

namespace CleanDashboard.Application.Tracking;

public interface IGeoIpResolver
{
    /// <summary>The ISO 3166-1 alpha-2 code of the address's country; blank for private, loopback and unknown addresses.</summary>
    string ResolveCountryCode(IPAddress? address);
}
