namespace CleanDashboard.Admin.IntegrationTests.Api;

/// <summary>One app for the tests of commands, security and bad input; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<AdminApiFactory>
{
    public const string Name = "api";
}
