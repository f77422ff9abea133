using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CleanDashboard.WebApi.Infrastructure;

/// <summary>Tells a person who just started the service where to go.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
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
        Console.WriteLine();
    }
}
