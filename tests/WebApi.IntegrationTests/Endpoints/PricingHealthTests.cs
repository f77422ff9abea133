using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace CleanDashboard.WebApi.IntegrationTests.Endpoints;

/// <summary>The price catalog in health: the app starts without it, prices only configured models, and says so.</summary>
public sealed class PricingHealthTests(PricingHealthTests.WithoutCatalogFactory factory) : IClassFixture<PricingHealthTests.WithoutCatalogFactory>
{
    [Fact]
    public async Task GetHealth_WhenTheCatalogFileIsMissing_ShouldAnswer200DegradedNamingIt()
    {
        var response = await factory.ClientWithKey(null).GetAsync("/api/dashboard/health", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        body.GetProperty("status").GetString().Should().Be("degraded");
        var pricing = body.GetProperty("checks").GetProperty("pricing");
        pricing.GetProperty("status").GetString().Should().Be("degraded");
        pricing.GetProperty("detail").GetString().Should().Be(
            "Price catalog not found at 'no-genai-prices.json'; set Pricing:CatalogPath. Only models in Pricing:Models are priced.");
    }

    [Fact]
    public async Task GetModelPrice_WhenTheCatalogFileIsMissing_ShouldStillAnswerConfiguredPricesAnd404ForCatalogModels()
    {
        var client = factory.ClientWithKey(DashboardApiFactory.AdminKey);

        var configured = await client.GetAsync("/api/admin/pricing?model=demo-echo", TestContext.Current.CancellationToken);
        var catalogOnly = await client.GetAsync("/api/admin/pricing?model=gpt-4o-mini", TestContext.Current.CancellationToken);

        configured.StatusCode.Should().Be(HttpStatusCode.OK);
        catalogOnly.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    public sealed class WithoutCatalogFactory : DashboardApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Pricing:CatalogPath", Path.Combine(DataDirectory, "no-genai-prices.json"));
        }
    }
}
