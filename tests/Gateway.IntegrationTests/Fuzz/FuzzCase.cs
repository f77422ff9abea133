using System.Net.Http.Headers;

namespace CleanDashboard.Gateway.IntegrationTests.Fuzz;

/// <summary>Whose key a fuzz case is sent with.</summary>
public enum FuzzCaller
{
    Admin,
    Member,
    Anonymous,
}

/// <summary>One generated request: its name says the route, the mutation and what was put where, so a failure can be replayed by hand.</summary>
public sealed record FuzzCase(string Name, HttpMethod Method, string PathAndQuery, FuzzCaller Caller, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public HttpRequestMessage ToRequest(Uri baseAddress)
    {
        // Raw: the grammar's broken percent-encodings reach the server as written, not re-escaped by Uri.
        var uri = new Uri(baseAddress.AbsoluteUri.TrimEnd('/') + "/" + PathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var request = new HttpRequestMessage(Method, uri);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    public AuthenticationHeaderValue? Authorization(string adminKey, string memberKey) => Caller switch
    {
        FuzzCaller.Admin => new AuthenticationHeaderValue("Bearer", adminKey),
        FuzzCaller.Member => new AuthenticationHeaderValue("Bearer", memberKey),
        _ => null,
    };
}
