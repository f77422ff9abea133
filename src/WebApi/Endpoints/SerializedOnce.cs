using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CleanDashboard.WebApi.Endpoints;

/// <summary>
/// The JSON of an immutable answer, serialized once per instance. The query cache hands every reader of an answer the
/// same instance (<see cref="System.ComponentModel.ImmutableObjectAttribute"/>), so a thousand reads a second of one
/// cached dashboard write the same bytes instead of serializing the document a thousand times; an answer computed
/// afresh is a new instance and is serialized anew. Entries live as long as their instance.
/// </summary>
internal static class SerializedOnce
{
    private static readonly ConditionalWeakTable<object, byte[]> Utf8 = new();

    public static IResult Json<T>(T answer, JsonSerializerOptions options)
        where T : class =>
        TypedResults.Bytes(Utf8.GetValue(answer, a => JsonSerializer.SerializeToUtf8Bytes((T)a, options)), "application/json; charset=utf-8");
}
