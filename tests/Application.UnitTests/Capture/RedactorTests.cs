using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Capture.Redaction;

namespace CleanDashboard.Application.UnitTests.Capture;

public sealed class RedactorTests
{
    private static readonly Redactor Defaults = Redactor.From(new CaptureOptions());

    [Theory]
    [InlineData("write to jane.doe+news@mail.example.co.uk today", "write to [redacted:email] today", "email")]
    [InlineData("key sk-proj-abcDEF1234567890xyz_- here", "key [redacted:api_key] here", "api_key")]
    [InlineData("anthropic sk-ant-api03-AbCdEfGhIjKlMnOp", "anthropic [redacted:api_key]", "api_key")]
    [InlineData("ours cd_AbCdEfGhIjKlMnOpQrStUv", "ours [redacted:api_key]", "api_key")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE.", "aws [redacted:api_key].", "api_key")]
    [InlineData("Authorization: Bearer abc.DEF-123_456~xyz==", "Authorization: [redacted:bearer_token]", "bearer_token")]
    [InlineData("card 4111 1111 1111 1111 ok", "card [redacted:card_number] ok", "card_number")]
    [InlineData("amex 3782-822463-10005.", "amex [redacted:card_number].", "card_number")]
    [InlineData("visa 4012888888881881", "visa [redacted:card_number]", "card_number")]
    [InlineData("call +1 415 555 0100 now", "call [redacted:phone] now", "phone")]
    [InlineData("call (415) 555-0100 now", "call [redacted:phone] now", "phone")]
    [InlineData("ring +442079460958", "ring [redacted:phone]", "phone")]
    [InlineData("uk +44 20 7946 0958.", "uk [redacted:phone].", "phone")]
    public void Redact_WhenTheTextHoldsOneSecretOfAKind_ShouldReplaceItAndCountOne(string text, string expected, string kind)
    {
        var counts = new Dictionary<string, int>();

        var redacted = Defaults.Redact(text, counts);

        redacted.Should().Be(expected);
        counts.Should().Equal(new Dictionary<string, int> { [kind] = 1 });
    }

    [Theory]
    [InlineData("order 4111111111111112 is not a card (fails Luhn)")]
    [InlineData("{\"created\":1733000000,\"id\":\"chatcmpl-123\",\"total_tokens\":15400}")]
    [InlineData("released 2026-12-01 at 18:30, version 10.0.15")]
    [InlineData("sk-short is no key, nor is me@localhost")]
    public void Redact_WhenNothingIsASecret_ShouldLeaveTheTextAlone(string text)
    {
        var counts = new Dictionary<string, int>();

        Defaults.Redact(text, counts).Should().Be(text);
        counts.Should().BeEmpty();
    }

    [Fact]
    public void Redact_WhenKindsRepeat_ShouldCountEachReplacement()
    {
        var counts = new Dictionary<string, int>();

        var redacted = Defaults.Redact("a@b.io, c@d.io and 5555555555554444", counts);

        redacted.Should().Be("[redacted:email], [redacted:email] and [redacted:card_number]");
        counts.Should().Equal(new Dictionary<string, int> { ["email"] = 2, ["card_number"] = 1 });
    }

    [Fact]
    public void From_WhenAPatternIsConfigured_ShouldApplyItAfterTheDefaults()
    {
        var redactor = Redactor.From(new CaptureOptions { RedactionPatterns = [new RedactionPatternOptions { Kind = "ticket", Pattern = @"TICKET-\d{6}" }] });
        var counts = new Dictionary<string, int>();

        redactor.Redact("TICKET-123456 for x@y.dev", counts).Should().Be("[redacted:ticket] for [redacted:email]");
        counts.Should().Equal(new Dictionary<string, int> { ["email"] = 1, ["ticket"] = 1 });
    }

    [Fact]
    public void From_WhenDefaultsAreOff_ShouldApplyOnlyTheConfiguredPatterns()
    {
        var redactor = Redactor.From(new CaptureOptions { DefaultRedactions = false, RedactionPatterns = [new RedactionPatternOptions { Kind = "ticket", Pattern = @"TICKET-\d{6}" }] });

        redactor.Redact("TICKET-123456 for x@y.dev", new Dictionary<string, int>()).Should().Be("[redacted:ticket] for x@y.dev");
    }

    [Theory]
    [InlineData("ticket", "(unclosed", "Capture:RedactionPatterns:0:Pattern is not a valid regular expression")]
    [InlineData("bad kind]", "x", "Capture:RedactionPatterns:0:Kind must be a name")]
    public void From_WhenAPatternIsMistyped_ShouldThrowNamingTheSetting(string kind, string pattern, string message)
    {
        var act = () => Redactor.From(new CaptureOptions { RedactionPatterns = [new RedactionPatternOptions { Kind = kind, Pattern = pattern }] });

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().StartWith(message);
    }

    [Theory]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("378282246310005", true)]
    [InlineData("79927398713", false)]
    public void Luhn_ShouldAcceptOnlyCardLengthsThatPassTheChecksum(string digits, bool valid) =>
        Luhn.IsValid(digits).Should().Be(valid);

    [Theory]
    [InlineData(@"{""a"":""jane\u0040example.com \u002B1""}", @"{""a"":""jane@example.com +1""}")]
    [InlineData(@"{""a"":""keep \u0022 \u005C \u000A \ud800 as is""}", @"{""a"":""keep \u0022 \u005C \u000A \ud800 as is""}")]
    [InlineData(@"{""a"":""\\u0041 is a backslash and u0041""}", @"{""a"":""\\u0041 is a backslash and u0041""}")]
    [InlineData(@"{""a"":""\ud83d\ude00 \u00e9""}", "{\"a\":\"\U0001F600 \u00e9\"}")]
    public void UnescapePrintable_ShouldWritePrintableEscapesAsCharactersOnly(string json, string expected) =>
        JsonEscapes.UnescapePrintable(json).Should().Be(expected);
}
