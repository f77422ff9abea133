using System.Text;
using System.Text.Json.Nodes;
using CleanDashboard.Application.Common.Json;

namespace CleanDashboard.Application.UnitTests.Common.Json;

public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("""{"model":"a","model":"b"}""", "model")]
    [InlineData("""{"messages":[{"role":"user"},{"role":"user","role":"system"}]}""", "messages[1].role")]
    [InlineData("""{"a":{"b":{"c":1,"c":2}}}""", "a.b.c")]
    [InlineData("""{"messages":[{"content":"\ud800"}]}""", "messages[0].content")]
    [InlineData("""{"input":["ok","a\udc00b"]}""", "input[1]")]
    [InlineData("""{"k":"\ud83d"}""", "k")]
    [InlineData("""{"\ud800":1}""", "body")]
    [InlineData("""{"model":"a"} {}""", "body")]
    [InlineData("""{"model":""", "body")]
    [InlineData("", "body")]
    public void TryParse_WhenTheJsonCannotBeReadWhole_ShouldNameWhere(string json, string field)
    {
        StrictJson.TryParse(Encoding.UTF8.GetBytes(json), out var node, out var error).Should().BeFalse();

        node.Should().BeNull();
        error!.Field.Should().Be(field);
        error.Message.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    public void TryParse_WhenAStringHoldsInvalidUtf8_ShouldNameTheString(byte[] invalid)
    {
        byte[] json = [.. """{"prompt":"a"""u8, .. invalid, .. "b\"}"u8];

        StrictJson.TryParse(json, out _, out var error).Should().BeFalse();

        error!.Field.Should().Be("prompt");
    }

    [Fact]
    public void TryParse_WhenNestingIsDeeperThan64_ShouldRefuseAndAccept64()
    {
        StrictJson.TryParse(Encoding.UTF8.GetBytes(new string('[', 64) + new string(']', 64)), out _, out _).Should().BeTrue();

        StrictJson.TryParse(Encoding.UTF8.GetBytes(new string('[', 65) + new string(']', 65)), out _, out var error).Should().BeFalse();
        error!.Field.Should().Be("body");
    }

    [Fact]
    public void TryParse_WhenTheBodyStartsWithAUtf8ByteOrderMark_ShouldReadTheValue()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. """{"model":"demo-echo","n":[1,"\u00e9"]}"""u8];

        StrictJson.TryParse(json, out var node, out var error).Should().BeTrue();

        error.Should().BeNull();
        node!["model"]!.GetValue<string>().Should().Be("demo-echo");
        node["n"]![1]!.GetValue<string>().Should().Be("é");
    }

    [Fact]
    public void TryParse_WhenTheValueIsNull_ShouldSucceedWithNoNode()
    {
        StrictJson.TryParse("null"u8.ToArray(), out var node, out var error).Should().BeTrue();

        node.Should().BeNull();
        error.Should().BeNull();
    }

    [Fact]
    public void TryParse_WhenTheSameKeyIsInTwoObjects_ShouldAcceptIt()
    {
        StrictJson.TryParse("""{"a":{"k":1},"b":{"k":2}}"""u8.ToArray(), out var node, out _).Should().BeTrue();

        node.Should().BeOfType<JsonObject>().Which["b"]!["k"]!.GetValue<int>().Should().Be(2);
    }
}
