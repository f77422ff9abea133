using System.Security.Cryptography;
using System.Text;

namespace CleanDashboard.Infrastructure.Alerts;

/// <summary>The <c>X-CleanDashboard-Signature</c> header: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body keyed with the channel's secret.</summary>
public static class AlertSignature
{
    public const string Header = "X-CleanDashboard-Signature";

    public static string Of(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
