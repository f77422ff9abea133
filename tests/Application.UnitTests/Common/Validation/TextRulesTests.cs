using CleanDashboard.Application.Common.Validation;
using FluentValidation;

namespace CleanDashboard.Application.UnitTests.Common.Validation;

public sealed class TextRulesTests
{
    private static readonly InlineValidator<Text> NameRule = Rule(r => r.WithoutControlCharacters());
    private static readonly InlineValidator<Text> ProseRule = Rule(r => r.StorableText());

    [Theory]
    [InlineData(null, true, true)]
    [InlineData("plain words, ünïcode 🙂", true, true)]
    [InlineData("two\nlines\r\nand\ta tab", false, true)]
    [InlineData("nul\0", false, false)]
    [InlineData("escape\u001b[31m", false, false)]
    [InlineData("c1\u0085", false, false)]
    public void Rules_ShouldRefuseControlCharactersExceptLineBreaksAndTabsInProse(string? value, bool validName, bool validProse)
    {
        NameRule.Validate(new Text(value)).IsValid.Should().Be(validName);
        ProseRule.Validate(new Text(value)).IsValid.Should().Be(validProse);
    }

    private static InlineValidator<Text> Rule(Action<IRuleBuilder<Text, string?>> rule)
    {
        var validator = new InlineValidator<Text>();
        rule(validator.RuleFor(t => t.Value));
        return validator;
    }

    public sealed record Text(string? Value);
}
