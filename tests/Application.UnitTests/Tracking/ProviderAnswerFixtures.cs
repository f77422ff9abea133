namespace CleanDashboard.Application.UnitTests.Tracking;

/// <summary>Recorded provider answers under Tracking/Fixtures, named by provider and shape, with the content type each was served with.</summary>
public static class ProviderAnswerFixtures
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Tracking", "Fixtures", name));

    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".sse" => "text/event-stream; charset=utf-8",
        ".ndjson" => "application/x-ndjson",
        _ => "application/json",
    };
}
