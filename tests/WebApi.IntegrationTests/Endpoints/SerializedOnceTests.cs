using System.Text.Json;
using CleanDashboard.WebApi.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanDashboard.WebApi.IntegrationTests.Endpoints;

public sealed class SerializedOnceTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Json_WhenTheSameInstanceIsAnsweredTwice_ShouldWriteTheSameBytesAsTheSerializer()
    {
        var answer = new Answer("24h", [1, 2, 3]);

        var first = Bytes(SerializedOnce.Json(answer, Options));
        var second = Bytes(SerializedOnce.Json(answer, Options));

        first.ContentType.Should().Be("application/json; charset=utf-8");
        System.Text.Encoding.UTF8.GetString(first.FileContents.Span).Should().Be("""{"range":"24h","values":[1,2,3]}""");
        second.FileContents.Span.SequenceEqual(first.FileContents.Span).Should().BeTrue();
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(first.FileContents, out var a).Should().BeTrue();
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(second.FileContents, out var b).Should().BeTrue();
        b.Array.Should().BeSameAs(a.Array, "one instance is serialized once");
    }

    [Fact]
    public void Json_WhenAnotherInstanceIsAnswered_ShouldSerializeItsOwnValues()
    {
        var first = Bytes(SerializedOnce.Json(new Answer("24h", [1]), Options));
        var second = Bytes(SerializedOnce.Json(new Answer("7d", [2]), Options));

        System.Text.Encoding.UTF8.GetString(second.FileContents.Span).Should().Be("""{"range":"7d","values":[2]}""");
        System.Text.Encoding.UTF8.GetString(first.FileContents.Span).Should().Be("""{"range":"24h","values":[1]}""");
    }

    private static FileContentHttpResult Bytes(IResult result) => result.Should().BeOfType<FileContentHttpResult>().Subject;

    private sealed record Answer(string Range, IReadOnlyList<int> Values);
}
