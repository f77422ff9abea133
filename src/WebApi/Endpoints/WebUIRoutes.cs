namespace CleanDashboard.WebApi.Endpoints;

/// <summary>
/// The React app's own routes answer with index.html so a shared link or a reload works. Only these:
/// an unknown /api or /v1 path stays a 404 (and is tracked as one) instead of becoming a web page.
/// </summary>
public static class WebUIRoutes
{
    private const string IndexFile = "index.html";

    public static IEndpointRouteBuilder MapWebUIRoutes(this IEndpointRouteBuilder app)
    {
        app.MapFallbackToFile("/signin", IndexFile);
        app.MapFallbackToFile("/admin/{**path}", IndexFile);
        return app;
    }
}
