using Microsoft.OpenApi;

namespace CleanDashboard.WebApi.Hosting;

/// <summary>
/// The specification names its endpoints with a trailing slash (<c>/api/dashboard/</c>). Routing answers both
/// forms, but the OpenAPI generator drops the slash; this puts the specification's spelling in the document.
/// </summary>
internal static class SpecificationPaths
{
    private static readonly string[] WithTrailingSlash = ["/api/dashboard", "/api/dashboard/health"];

    public static void AddTrailingSlashes(OpenApiDocument document)
    {
        foreach (var path in WithTrailingSlash)
        {
            if (document.Paths.Remove(path, out var item))
            {
                document.Paths[path + "/"] = item;
            }
        }
    }
}
