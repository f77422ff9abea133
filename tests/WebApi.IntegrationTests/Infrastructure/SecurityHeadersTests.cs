using System.Net;
using System.Text.RegularExpressions;

namespace CleanDashboard.WebApi.IntegrationTests.Infrastructure;

public sealed partial class SecurityHeadersTests(DashboardApiFactory factory) : IClassFixture<DashboardApiFactory>
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string Permissions =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), " +
        "hid=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), " +
        "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

    [Theory]
    [InlineData("/api/dashboard/?range=24h", true, HttpStatusCode.OK)]
    [InlineData("/api/dashboard/?range=24h", false, HttpStatusCode.Unauthorized)]
    [InlineData("/api/dashboard/?range=nope", true, HttpStatusCode.BadRequest)]
    [InlineData("/api/dashboard/health/", false, HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", false, HttpStatusCode.OK)]
    public async Task ApiResponse_ShouldCarryEverySecurityHeader(string path, bool withKey, HttpStatusCode status)
    {
        var response = await factory.ClientWithKey(withKey ? DashboardApiFactory.AdminKey : null).GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(status);
        ShouldCarrySecurityHeaders(response, Policy);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/threats")]
    [InlineData("/signin")]
    public async Task WebUIPage_ShouldCarryEverySecurityHeaderAndLoadNoInlineScript(string path)
    {
        var response = await factory.ClientWithKey(null).GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        ShouldCarrySecurityHeaders(response, Policy);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ScriptTag().Matches(html).Should().NotBeEmpty().And.OnlyContain(tag => tag.Value.Contains(" src=\"/assets/"));
    }

    [Fact]
    public async Task ApiReferencePage_ShouldAllowItsInlineBootstrapByAFreshNonceOnly()
    {
        var first = await factory.ClientWithKey(null).GetAsync("/scalar/v1", TestContext.Current.CancellationToken);
        var second = await factory.ClientWithKey(null).GetAsync("/scalar/v1", TestContext.Current.CancellationToken);

        var nonce = await SingleNonceAsync(first);
        ShouldCarrySecurityHeaders(
            first,
            $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
            "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        (await SingleNonceAsync(second)).Should().NotBe(nonce);
    }

    [Fact]
    public async Task ApiReferencePage_ShouldLoadTheSetupScriptBeforeScalarsBundle()
    {
        var html = await factory.ClientWithKey(null).GetStringAsync("/scalar/v1", TestContext.Current.CancellationToken);
        var setup = await factory.ClientWithKey(null).GetAsync("/scalar-setup.js", TestContext.Current.CancellationToken);

        html.IndexOf("<script src=\"/scalar-setup.js\"></script>", StringComparison.Ordinal).Should().BePositive()
            .And.BeLessThan(html.IndexOf("scalar.js\"", StringComparison.Ordinal));
        setup.StatusCode.Should().Be(HttpStatusCode.OK);
        (await setup.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("jitless: true");
    }

    private static void ShouldCarrySecurityHeaders(HttpResponseMessage response, string policy)
    {
        response.Headers.GetValues("Content-Security-Policy").Should().Equal(policy);
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        response.Headers.GetValues("Permissions-Policy").Should().Equal(Permissions);
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.Contains("Server").Should().BeFalse();
    }

    /// <summary>The nonce on the page's script tags: the same on each one that has it, and the inline one has it.</summary>
    private static async Task<string> SingleNonceAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var inline = ScriptTag().Matches(html).Where(tag => !tag.Value.Contains(" src=")).ToList();
        inline.Should().ContainSingle();
        var nonces = NonceAttribute().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        nonces.Should().ContainSingle();
        inline[0].Value.Should().Contain($"nonce=\"{nonces[0]}\"");
        return nonces[0];
    }

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceAttribute();
}
