using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanDashboard.Gateway.IntegrationTests.Fuzz;

/// <summary>
/// Generates malformed requests for every route from a grammar: a valid seed request per route, then each mutation
/// (wrong types, removed and duplicated keys, broken encodings, overlong values, deep nesting, odd roots, wrong
/// content types, odd headers, bad query strings) applied twice with choices drawn from one seeded
/// <see cref="Random"/>: the same seed always gives the same list.
/// </summary>
public static class RequestGrammar
{
    public const int Seed = 20261201;
    public const int InstancesPerMutation = 2;

    private const string JsonType = "application/json";
    /// <summary>A placeholder value, swapped for raw (possibly invalid) bytes once the body is written.</summary>
    private const string ValueMark = "\uE000";

    private static readonly string[] WrongValues =
        ["1", "-1", "0", "1e30", "-1e30", "1.5", "1e400", "123456789012345678901234567890", "\"x\"", "\"\"", "true", "false", "null", "[]", "{}", "[1]", "{\"a\":1}", "[[[]]]"];

    private static readonly string[] SurrogateEscapes = ["\\ud800", "\\udfff", "a\\ud800b", "\\udc00\\ud800", "\\ud83d"];

    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80]];

    private static readonly string[] ContentTypes =
        ["text/plain", "application/xml", "application/json; charset=utf-16", "application/json; charset=bogus", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", ";;;"];

    private static readonly string[] QueryValues =
    [
        "%ZZ", "%", "%00", "%FF", "%ED%A0%80", "%C0%80", new string('q', 5000), "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "10000-01-01T00:00:00Z",
        "-99999999999999999999", "99999999999999999999", "1e30", "NaN", "", "%20", "a%26b%3Dc", "%E2%80%AE", "null", "[]", "true",
    ];

    private static readonly string[] HeaderNames = ["X-Forwarded-For", "Accept", "Accept-Charset", "User-Agent", "Accept-Encoding", "X-Request-Id", "Cookie"];

    private static readonly Route[] Routes =
    [
        Post("v1/chat/completions", FuzzCaller.Member, """{"model":"demo-echo","messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"hello there"}]}],"max_tokens":5,"stream":false,"temperature":0.5}"""),
        Post("v1/completions", FuzzCaller.Member, """{"model":"demo-echo","prompt":["hello","there"],"max_tokens":5,"stream":true,"stream_options":{"include_usage":true}}"""),
        Post("v1/embeddings", FuzzCaller.Member, """{"model":"demo-echo","input":["hello","there"],"encoding_format":"base64","dimensions":8}"""),
        Post("ollama/api/chat", FuzzCaller.Member, """{"model":"demo-echo","messages":[{"role":"user","content":"hello there"}],"stream":false,"options":{"num_predict":5}}"""),
        Post("ollama/api/generate", FuzzCaller.Member, """{"model":"demo-echo","prompt":"hello there","stream":true,"options":{"num_predict":-1}}"""),
        Post("ollama/api/embed", FuzzCaller.Member, """{"model":"demo-echo","input":["hello","there"]}"""),
        Post("api/feedback", FuzzCaller.Member, """{"requestLogId":1,"rating":5,"feedbackText":"great answer"}"""),
        Post("api/admin/users", FuzzCaller.Admin, """{"name":"fuzz-user","role":"member"}"""),
        Post("api/admin/api-keys", FuzzCaller.Admin, """{"userName":"admin","keyName":"fuzz key"}"""),
        Post("api/admin/threats/resolve", FuzzCaller.Admin, """{"ids":[1,2,3]}"""),
        Post("api/admin/threats/unresolve", FuzzCaller.Admin, """{"ids":[1]}"""),
        Get("api/dashboard/", FuzzCaller.Admin, "range=custom&start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z"),
        Get("api/dashboard", FuzzCaller.Member, "range=7d"),
        Get("api/admin/request-logs", FuzzCaller.Admin, "page=1&pageSize=10&sort=createdAt&desc=true&from=2026-01-01&to=2026-12-31T00:00:00Z&status=200&model=demo-echo&country=US&userId=1"),
        Get("api/admin/request-logs/export", FuzzCaller.Admin, "from=2026-01-01&to=2026-01-02&status=200"),
        Get("api/admin/user-sessions", FuzzCaller.Admin, "page=1&active=true&userId=1&from=2026-01-01"),
        Get("api/admin/feedback", FuzzCaller.Admin, "rating=5&userId=1&from=2026-01-01&to=2026-02-01"),
        Get("api/admin/threats", FuzzCaller.Admin, "severity=high&resolved=false&threatType=rate_limit&ip=192.0.2.1&from=2026-01-01"),
        Get("api/admin/model-usage-stats", FuzzCaller.Admin, "from=2026-01-01&to=2026-02-01&model=demo-echo"),
        Get("api/admin/users", FuzzCaller.Admin, "role=member&name=al&sort=name"),
        Get("api/admin/api-keys", FuzzCaller.Admin, "revoked=false&userId=1"),
        Get("v1/models", FuzzCaller.Member, "limit=1"),
        Get("ollama/api/tags", FuzzCaller.Member, "x=1"),
    ];

    private static readonly string[] OddPaths =
    [
        "api/admin/request-logs/99999999999999999999", "api/admin/request-logs/-1", "api/admin/users/2147483648", "api/admin/api-keys/999999/revoke",
        "api/admin/api-keys/abc/revoke", "api/admin/threats/%00", "api/admin/feedback/1e3", "v1/chat/completions/", "ollama/api/chat/%2e%2e/tags",
        "api/admin/model-usage-stats/" + new string('9', 400),
    ];

    public static IReadOnlyList<FuzzCase> Generate(int seed = Seed)
    {
        var random = new Random(seed);
        var cases = new List<FuzzCase>();
        foreach (var route in Routes)
        {
            var mutations = route.Method == HttpMethod.Post ? BodyMutations : QueryMutations;
            foreach (var (kind, mutate) in mutations)
            {
                for (var i = 0; i < InstancesPerMutation; i++)
                {
                    cases.Add(Named(mutate(route, random), cases.Count, route, kind));
                }
            }

            foreach (var (kind, mutate) in HeaderMutations)
            {
                cases.Add(Named(mutate(route, random), cases.Count, route, kind));
            }
        }

        foreach (var path in OddPaths)
        {
            var method = path.EndsWith("revoke", StringComparison.Ordinal) || path.StartsWith("v1/", StringComparison.Ordinal) || path.StartsWith("ollama/", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
            var odd = new FuzzCase(string.Empty, method, path, FuzzCaller.Admin, method == HttpMethod.Post ? "{}"u8.ToArray() : null, JsonType, []);
            cases.Add(odd with { Name = $"#{cases.Count:000} {method} odd path: {odd.Detail()}" });
        }

        return cases;
    }

    private static FuzzCase Named(FuzzCase generated, int number, Route route, string kind)
    {
        var note = generated.Name.Length > 0 ? $" ({generated.Name})" : string.Empty;
        return generated with { Name = $"#{number:000} {route.Method} /{route.Path} {kind}{note}: {generated.Detail()}" };
    }

    private static string Detail(this FuzzCase c)
    {
        var body = c.Body is null ? string.Empty : " body=" + Preview(c.Body);
        var headers = c.Headers.Count == 0 ? string.Empty : " headers=" + string.Join(",", c.Headers.Select(h => $"{h.Key}({h.Value.Length} chars)"));
        var path = c.PathAndQuery.Length > 160 ? c.PathAndQuery[..160] + $"…({c.PathAndQuery.Length} chars)" : c.PathAndQuery;
        return $"{path} type={c.ContentType ?? "(none)"}{headers}{body}";
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return body.Length <= 160 ? text : text[..Math.Min(text.Length, 160)] + $"…({body.Length} bytes)";
    }

    private static readonly (string Kind, Func<Route, Random, FuzzCase> Mutate)[] BodyMutations =
    [
        ("wrong type", (route, random) =>
        {
            var path = Pick(random, route.Paths);
            var value = Pick(random, WrongValues);
            return route.WithJson(SetAt(route.Seed, path, JsonNode.Parse(value)), $"{path} := {value}");
        }),
        ("removed key", (route, random) =>
        {
            var path = Pick(random, route.Paths);
            return route.WithJson(SetAt(route.Seed, path, null, remove: true), path);
        }),
        ("duplicate key", (route, random) => route.WithBytes(WriteWithDuplicate(route.Seed, Pick(random, route.ObjectKeys())))),
        ("overlong string", (route, random) =>
        {
            var path = Pick(random, route.Paths);
            var length = Pick(random, [129, 1000, 2001, 20_000, 70_000]);
            return route.WithJson(SetAt(route.Seed, path, JsonValue.Create(new string('x', length))), $"{path} := {length} chars");
        }),
        ("deep nesting", (route, random) =>
        {
            var path = Pick(random, route.Paths);
            var depth = Pick(random, [62, 65, 500, 5000]);
            var nested = random.Next(2) == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            return route.WithRawValue(path, Encoding.UTF8.GetBytes(nested));
        }),
        ("lone surrogate", (route, random) => route.WithRawValue(Pick(random, route.Paths), Encoding.UTF8.GetBytes("\"" + Pick(random, SurrogateEscapes) + "\""))),
        ("invalid UTF-8", (route, random) => route.WithRawValue(Pick(random, route.Paths), [(byte)'"', (byte)'a', .. Pick(random, InvalidUtf8), (byte)'b', (byte)'"'])),
        ("control characters", (route, random) =>
        {
            var raw = Pick(random, new[] { "\"a\\u0000b\"", "\"\\u001f\"", "\"a\u0001b\"", "\"line\nbreak\"", "\"tab\\tend\"", "\"\\u202e\\u200b\"" });
            return route.WithRawValue(Pick(random, route.Paths), Encoding.UTF8.GetBytes(raw));
        }),
        ("byte order mark", (route, random) => random.Next(2) == 0
            ? route.WithBytes([.. Encoding.UTF8.Preamble, .. route.SeedBytes])
            : route.WithBytes([.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(route.SeedText)])),
        ("truncated", (route, random) => route.WithBytes(route.SeedBytes[..random.Next(1, route.SeedBytes.Length)])),
        ("garbage", (route, random) =>
        {
            var bytes = new byte[random.Next(1, 300)];
            random.NextBytes(bytes);
            return route.WithBytes(bytes);
        }),
        ("odd root", (route, random) => route.WithBytes(Encoding.UTF8.GetBytes(Pick(random, new[] { "", " ", "[]", "[{}]", "\"text\"", "42", "null", "true", "{}", "{} {}", "{\"model\":\"demo-echo\"} trailing" })))),
        ("wrong content type", (route, random) => route.WithBytes(route.SeedBytes) with { ContentType = random.Next(5) == 0 ? null : Pick(random, ContentTypes) }),
        ("unknown keys", (route, random) =>
        {
            var body = route.Seed.DeepClone().AsObject();
            for (var i = 0; i < random.Next(1, 400); i++)
            {
                body[$"extra_{i}"] = i;
            }

            return route.WithJson(body, "extra_0..");
        }),
    ];

    private static readonly (string Kind, Func<Route, Random, FuzzCase> Mutate)[] QueryMutations =
    [
        ("bad query value", (route, random) =>
        {
            var (name, _) = Pick(random, route.Query);
            return route.WithQuery(route.Query.Select(p => p.Name == name ? (p.Name, Pick(random, QueryValues)) : p));
        }),
        ("duplicate query key", (route, random) =>
        {
            var pair = Pick(random, route.Query);
            return route.WithQuery([.. route.Query, (pair.Name, Pick(random, QueryValues))]);
        }),
        ("query key without value", (route, random) =>
        {
            var (name, _) = Pick(random, route.Query);
            return route.WithQuery(route.Query.Select(p => p.Name == name ? (p.Name, null) : p));
        }),
        ("overflowing dates", (route, random) =>
            route.WithQuery([.. route.Query.Where(p => p.Name is not ("start" or "end" or "from" or "to")), .. DateParameters(route, random)])),
        ("broken query syntax", (route, random) =>
            (route with { RawQuery = Pick(random, new[] { "&&&", "=", "==&=", "%", "a=%ZZ&b", "?range=7d", "range=7d#frag", new string('&', 2000), "range" + new string('[', 50) + "=1" }) }).Build()),
        ("many parameters", (route, random) => route.WithQuery(Enumerable.Range(0, random.Next(100, 1000)).Select(i => ($"p{i}", (string?)i.ToString(CultureInfo.InvariantCulture))))),
        ("huge query", (route, random) => route.WithQuery([.. route.Query, ("filler", new string('z', Pick(random, [8_000, 60_000])))])),
        ("unicode in query", (route, random) =>
        {
            var (name, _) = Pick(random, route.Query);
            return route.WithQuery(route.Query.Select(p => p.Name == name ? (p.Name, Uri.EscapeDataString(Pick(random, new[] { "日本語", "🙂", "\u202e", "Ω≈ç√" }))) : p));
        }),
    ];

    private static readonly (string Kind, Func<Route, Random, FuzzCase> Mutate)[] HeaderMutations =
    [
        ("huge header", (route, random) => route.Build() with { Headers = [new(Pick(random, HeaderNames), new string('h', Pick(random, [10_000, 40_000, 100_000])))] }),
        ("many headers", (route, random) => route.Build() with { Headers = Enumerable.Range(0, random.Next(100, 300)).Select(i => new KeyValuePair<string, string>($"X-Fuzz-{i}", "v")).ToList() }),
        ("odd authorization", (route, random) => route.Build() with
        {
            Caller = FuzzCaller.Anonymous,
            Headers = [new("Authorization", Pick(random, new[] { "Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "Bearer " + new string('k', 5000), "bearer cd_" + new string('0', 40), "Bearer a b c", "Token x", "Bearer %00" }))],
        }),
        ("odd forwarded address", (route, random) => route.Build() with
        {
            Headers = [new("X-Forwarded-For", Pick(random, new[] { "not-an-ip", "999.999.999.999", "::ffff:1.2.3.4, , ,", string.Join(",", Enumerable.Repeat("10.0.0.1", 500)), "[::1]:80" }))],
        }),
    ];

    private static IEnumerable<(string Name, string? Value)> DateParameters(Route route, Random random)
    {
        var late = Pick(random, new[] { "9999-12-31T23:59:59Z", "9999-12-31", "9999-12-31T23:59:59%2B14:00", "0001-01-01T00:00:00-14:00", "0001-01-01", "1969-12-31T23:59:59Z" });
        return route.Path.StartsWith("api/dashboard", StringComparison.Ordinal)
            ? [("range", "custom"), ("start", late), ("end", Pick(random, new[] { "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999Z", "0001-01-01T00:00:00Z" }))]
            : [("from", late), ("to", Pick(random, new[] { "9999-12-31T23:59:59Z", "9999-12-31", "0001-01-01" }))];
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Every value's path in the seed: <c>messages</c>, <c>messages[0]</c>, <c>messages[0].role</c>, ….</summary>
    private static List<string> PathsOf(JsonNode node, string prefix)
    {
        var paths = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                    paths.Add(path);
                    if (value is not null)
                    {
                        paths.AddRange(PathsOf(value, path));
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var path = $"{prefix}[{i}]";
                    paths.Add(path);
                    paths.AddRange(PathsOf(array[i]!, path));
                }

                break;
        }

        return paths;
    }

    /// <summary>A copy of the seed with the value at the path replaced (or removed).</summary>
    private static JsonObject SetAt(JsonObject seed, string path, JsonNode? value, bool remove = false)
    {
        var copy = seed.DeepClone().AsObject();
        var (parent, key, index) = Locate(copy, path);
        if (parent is JsonObject obj)
        {
            if (remove)
            {
                obj.Remove(key!);
            }
            else
            {
                obj[key!] = value;
            }
        }
        else if (parent is JsonArray array)
        {
            if (remove)
            {
                array.RemoveAt(index);
            }
            else
            {
                array[index] = value;
            }
        }

        return copy;
    }

    private static (JsonNode Parent, string? Key, int Index) Locate(JsonObject root, string path)
    {
        JsonNode current = root;
        var tokens = path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        for (var t = 0; t < tokens.Length - 1; t++)
        {
            current = tokens[t].StartsWith('[') ? current[int.Parse(tokens[t][1..^1], CultureInfo.InvariantCulture)]! : current[tokens[t]]!;
        }

        var last = tokens[^1];
        return last.StartsWith('[') ? (current, null, int.Parse(last[1..^1], CultureInfo.InvariantCulture)) : (current, last, -1);
    }

    /// <summary>The seed written out with one object's key written twice (Utf8JsonWriter does not check for duplicates).</summary>
    private static byte[] WriteWithDuplicate(JsonObject seed, (JsonObject Owner, string Key) duplicate)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, seed, duplicate.Owner, duplicate.Key);
        }

        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node, JsonObject owner, string duplicateKey)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj)
                {
                    var times = ReferenceEquals(obj, owner) && key == duplicateKey ? 2 : 1;
                    for (var i = 0; i < times; i++)
                    {
                        writer.WritePropertyName(key);
                        Write(writer, value, owner, duplicateKey);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item, owner, duplicateKey);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static Route Post(string path, FuzzCaller caller, string seed) => new(HttpMethod.Post, path, caller, JsonNode.Parse(seed)!.AsObject(), [], null);

    private static Route Get(string path, FuzzCaller caller, string query) => new(
        HttpMethod.Get,
        path,
        caller,
        new JsonObject(),
        query.Split('&').Select(p => p.Split('=', 2)).Select(p => (p[0], (string?)p[1])).ToList(),
        null);

    private sealed record Route(HttpMethod Method, string Path, FuzzCaller Caller, JsonObject Seed, IReadOnlyList<(string Name, string? Value)> Query, string? RawQuery)
    {
        public byte[] SeedBytes => Encoding.UTF8.GetBytes(SeedText);

        public string SeedText => Seed.ToJsonString();

        public List<string> Paths => PathsOf(Seed, string.Empty);

        /// <summary>Every (object, key) pair of the seed, for the duplicate-key mutation.</summary>
        public List<(JsonObject Owner, string Key)> ObjectKeys() => [.. Objects(Seed).SelectMany(o => o.Select(p => (o, p.Key)))];

        public FuzzCase Build() => new(string.Empty, Method, Path + QueryString(), Caller, Method == HttpMethod.Post ? SeedBytes : null, Method == HttpMethod.Post ? JsonType : null, []);

        public FuzzCase WithJson(JsonObject body, string note) => WithBytes(Encoding.UTF8.GetBytes(body.ToJsonString())) with { Name = note };

        public FuzzCase WithBytes(byte[] body) => new(string.Empty, Method, Path, Caller, body, JsonType, []);

        /// <summary>The seed with raw JSON bytes (possibly invalid) in place of the value at the path.</summary>
        public FuzzCase WithRawValue(string path, byte[] raw)
        {
            var marked = Encoding.UTF8.GetBytes(SetAt(Seed, path, JsonValue.Create(ValueMark)).ToJsonString());
            var mark = Encoding.UTF8.GetBytes(JsonValue.Create(ValueMark).ToJsonString());
            var at = marked.AsSpan().IndexOf(mark);
            return WithBytes(at < 0 ? marked : [.. marked[..at], .. raw, .. marked[(at + mark.Length)..]]);
        }

        public FuzzCase WithQuery(IEnumerable<(string Name, string? Value)> query) => (this with { Query = query.ToList() }).Build();

        private string QueryString()
        {
            var query = RawQuery ?? string.Join("&", Query.Select(p => p.Value is null ? p.Name : $"{p.Name}={p.Value}"));
            return query.Length == 0 ? string.Empty : "?" + query;
        }

        private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
        {
            JsonObject obj => [obj, .. obj.SelectMany(p => Objects(p.Value))],
            JsonArray array => array.SelectMany(Objects),
            _ => [],
        };
    }
}
