namespace CleanDashboard.WebApi.Gateway;

/// <summary>Configuration section <c>Gateway</c>: the model servers behind the gateway and its limits.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Set by <c>--demo</c>, so demo mode can always be tried with the built-in model.</summary>
    public const string DemoModelEnabledKey = "Gateway:DemoModel:Enabled";

    /// <summary>Tried in order; the first whose model pattern matches the request's <c>model</c> serves it.</summary>
    public List<UpstreamOptions> Upstreams { get; set; } = [];

    /// <summary>Model patterns served by several upstreams, shared by weight with failover; tried before the upstreams' own patterns.</summary>
    public List<ModelRouteOptions> ModelRoutes { get; set; } = [];

    /// <summary>How a request moves on to the next upstream of its model route, and when an upstream is left alone for a while.</summary>
    public FailoverOptions Failover { get; set; } = new();

    /// <summary>How long <c>GET /v1/models</c> and <c>/ollama/api/tags</c> answer from the last collected list before asking the upstreams again.</summary>
    public TimeSpan ModelListCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    public DemoModelOptions DemoModel { get; set; } = new();

    /// <summary>Ask OpenAI-kind upstreams for the usage chunk at the end of a stream (<c>stream_options.include_usage</c>), so streams get tokens and cost.</summary>
    public bool InjectStreamUsage { get; set; } = true;

    /// <summary>Larger request bodies are refused with 413.</summary>
    public long MaxRequestBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long an upstream may stay silent — before its first byte or between two chunks — before the request ends with 504.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long connecting to an upstream may take before the request ends with 502.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>One entry of <c>Gateway:Upstreams</c>.</summary>
public sealed class UpstreamOptions
{
    /// <summary>Recorded in the request log's upstream column.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// For kind <c>openai</c> the API root with its version (<c>https://api.openai.com/v1</c>); for <c>anthropic</c> likewise
    /// (<c>https://api.anthropic.com/v1</c>); for <c>ollama</c> the server root (<c>http://127.0.0.1:11434</c>).
    /// </summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary><c>openai</c>, <c>ollama</c> or <c>anthropic</c>: the API the upstream speaks.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>
    /// Whose prices the price catalog applies: a catalog provider id such as <c>openai</c>, <c>anthropic</c>, <c>groq</c> or
    /// <c>azure</c>. Unset: derived from an OpenAI-kind upstream's BaseUrl (api.openai.com → openai); otherwise, and for a
    /// provider the catalog does not know, the provider whose models the name matches.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>Sent to the upstream as <c>Authorization: Bearer</c> (kind <c>anthropic</c>: <c>x-api-key</c>); the client's own key is never forwarded.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Model name patterns; <c>*</c> matches any run of characters, case is ignored. May be empty for an upstream named by a model route.</summary>
    public List<string> Models { get; set; } = [];
}

/// <summary>One entry of <c>Gateway:ModelRoutes</c>: a model pattern and the upstreams that share it.</summary>
public sealed class ModelRouteOptions
{
    /// <summary>A model name pattern, as in an upstream's Models.</summary>
    public string Model { get; set; } = string.Empty;

    public List<ModelRouteUpstreamOptions> Upstreams { get; set; } = [];
}

/// <summary>A member of a model route: the Name of an entry of <c>Gateway:Upstreams</c> and its share.</summary>
public sealed class ModelRouteUpstreamOptions
{
    public const int MaxWeight = 1000;

    public string Name { get; set; } = string.Empty;

    /// <summary>Relative share of the route's requests, 1 to 1000: weights 3 and 1 send three of every four requests to the first.</summary>
    public int Weight { get; set; } = 1;
}

/// <summary>Section <c>Gateway:Failover</c>.</summary>
public sealed class FailoverOptions
{
    public const int MaxMaxAttempts = 10;

    /// <summary>Upstreams tried at most for one request (each at most once), counting the first.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Share of failed calls to one upstream, within SamplingDuration, that opens its circuit (0 to 1].</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls to one upstream within SamplingDuration before its failure ratio counts (at least 2).</summary>
    public int MinimumThroughput { get; set; } = 5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit sends nothing to its upstream; then one request probes it (half-open).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class DemoModelOptions
{
    /// <summary>Answer the model <c>demo-echo</c> in-process (before any upstream pattern is tried).</summary>
    public bool Enabled { get; set; } = true;
}
