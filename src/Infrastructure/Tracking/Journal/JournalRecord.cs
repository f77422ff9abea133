using System.Text.Json.Serialization;
using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Infrastructure.Tracking.Journal;

/// <summary>One journaled entry: a tracked request or a threat event, with its place in this process's queue order.</summary>
public sealed record JournalRecord(long Sequence, TrackedRequest? Request, ThreatEvent? Threat);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalRecord))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
