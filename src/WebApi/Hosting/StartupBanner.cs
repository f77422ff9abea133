using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CleanDashboard.WebApi.Hosting;

/// <summary>Tells a person who just started the service where to go, and the admin key when one was just made.</summary>
public sealed class StartupBanner(IServer server)
{
    /// <summary>A key created during this start; printed once on the console, never logged or stored in clear text.</summary>
    public string? NewAdminKey { get; set; }

    public void Print()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return;
        }

        var url = addresses.First().TrimEnd('/');
        Console.WriteLine();
        Console.WriteLine($"  CleanDashboard is running:   {url}/");
        Console.WriteLine($"  Dashboard API:               {url}/api/dashboard/?range=7d");
        Console.WriteLine($"  API reference:               {url}/scalar/v1");
        Console.WriteLine($"  Health:                      {url}/api/dashboard/health/");
        Console.WriteLine($"  OpenAI-compatible gateway:   {url}/v1 (model demo-echo needs no model server)");
        Console.WriteLine($"  Ollama-compatible gateway:   {url}/ollama");
        if (NewAdminKey is not null)
        {
            Console.WriteLine();
            Console.WriteLine("  Admin API key (shown once; sign in to the dashboard with it):");
            Console.WriteLine($"    {NewAdminKey}");
        }

        Console.WriteLine();
    }
}
