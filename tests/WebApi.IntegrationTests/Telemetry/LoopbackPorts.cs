using System.Net;
using System.Net.Sockets;

namespace CleanDashboard.WebApi.IntegrationTests.Telemetry;

/// <summary>Ports for test servers on 127.0.0.1, from this suite's range (5500–5549): the first one nobody listens on.</summary>
internal static class LoopbackPorts
{
    public const int First = 5500;
    public const int Last = 5549;

    private static int _next = First;

    public static int Reserve()
    {
        for (var tries = 0; tries <= Last - First; tries++)
        {
            var port = First + ((Interlocked.Increment(ref _next) - First) % (Last - First + 1));
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port on 127.0.0.1 from {First} to {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
