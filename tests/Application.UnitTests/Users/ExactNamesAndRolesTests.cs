using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.CreateUser;
using FluentValidation.Results;

namespace CleanDashboard.Application.UnitTests.Users;

/// <summary>Roles and names are taken exactly as sent: nothing is trimmed into a privilege or a look-alike name.</summary>
public sealed class ExactNamesAndRolesTests
{
    private const string RoleRule = "Role must be exactly 'admin' or 'member' (lower case).";
    private const string Charset = "Name may contain letters, digits and . _ @ - only.";

    [Theory]
    [InlineData("Admin ")]
    [InlineData(" admin")]
    [InlineData("admin\n")]
    [InlineData("Admin")]
    [InlineData("ADMIN")]
    [InlineData("Member")]
    [InlineData("1")]
    [InlineData("admin\0")]
    public void CreateUser_WhenTheRoleIsNotExactlyARoleName_ShouldNameTheRole(string role) =>
        Errors(new CreateUserCommandValidator().Validate(new CreateUserCommand("ops-x", role)))
            .Should().Equal(("Role", RoleRule));

    [Theory]
    [InlineData("admin")]
    [InlineData("member")]
    public void CreateUser_WhenTheRoleIsExactlyARoleName_ShouldPass(string role) =>
        new CreateUserCommandValidator().Validate(new CreateUserCommand("ops-x", role)).IsValid.Should().BeTrue();

    [Theory]
    [InlineData("alice\n")]
    [InlineData("alice\r\n")]
    [InlineData("\talice")]
    public void CreateUser_WhenTheNameHasOuterWhiteSpace_ShouldNameTheName(string name) =>
        Errors(new CreateUserCommandValidator().Validate(new CreateUserCommand(name, "member")))
            .Should().Equal(("Name", "Name must not start or end with white space or contain control characters."), ("Name", Charset));

    [Fact]
    public void CreateUser_WhenTheNameHoldsAControlCharacter_ShouldNameTheName() =>
        Errors(new CreateUserCommandValidator().Validate(new CreateUserCommand("ali\u0007ce", "member")))
            .Should().Equal(("Name", "Name must not start or end with white space or contain control characters."), ("Name", Charset));

    [Theory]
    [InlineData("admin ", "User Name")]
    [InlineData("\u00a0admin", "User Name")]
    public void CreateApiKey_WhenTheUserNameHasOuterWhiteSpace_ShouldNameTheUserName(string userName, string label) =>
        Errors(new CreateApiKeyCommandValidator().Validate(new CreateApiKeyCommand(userName, "laptop")))
            .Should().Equal(("UserName", $"{label} must not start or end with white space or contain control characters."));

    [Theory]
    [InlineData(" laptop")]
    [InlineData("laptop ")]
    [InlineData("lap\ttop")]
    [InlineData("laptop\u0000")]
    [InlineData("lap\u001btop")]
    public void CreateApiKey_WhenTheKeyNameHasOuterWhiteSpaceOrAControlCharacter_ShouldNameTheKeyName(string keyName) =>
        Errors(new CreateApiKeyCommandValidator().Validate(new CreateApiKeyCommand("admin", keyName)))
            .Should().Equal(("KeyName", "Key Name must not start or end with white space or contain control characters."));

    [Fact]
    public void CreateApiKey_WhenTheKeyNameHasInnerSpaces_ShouldPass() =>
        new CreateApiKeyCommandValidator().Validate(new CreateApiKeyCommand("admin", "my work laptop")).IsValid.Should().BeTrue();

    [Fact]
    public void CreateApiKey_WhenAConfiguredKeyIsTooShort_ShouldNameTheRule() =>
        Errors(new CreateApiKeyCommandValidator().Validate(new CreateApiKeyCommand("admin", "bootstrap", new string('k', 31))))
            .Should().Equal(("PresetKey", "A configured key must be at least 32 printable ASCII characters without spaces (for example the output of `openssl rand -base64 32`)."));

    private static (string Field, string Message)[] Errors(ValidationResult result) =>
        result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToArray();
}
