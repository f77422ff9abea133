using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

[Trait("Database", "Independent")]
public sealed class DatabaseProvidersTests
{
    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    [InlineData("POSTGRES", DatabaseProvider.Postgres)]
    public void Parse_WhenTheSettingIsAKnownProvider_ShouldReturnIt(string? value, DatabaseProvider expected) =>
        DatabaseProviders.Parse(value).Should().Be(expected);

    [Theory]
    [InlineData("SqlServer")]
    [InlineData("PostgreSQL")]
    public void AddInfrastructure_WhenTheProviderIsUnknown_ShouldFailNamingTheSetting(string value)
    {
        var act = () => Build(new() { ["Database:Provider"] = value });

        act.Should().Throw<InvalidOperationException>().WithMessage($"Database:Provider is '{value}'; it must be Sqlite (the default) or Postgres.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void AddInfrastructure_WhenPostgresHasNoConnectionString_ShouldFailNamingTheSetting(string? connectionString)
    {
        var act = () => Build(new() { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Dashboard"] = connectionString });

        act.Should().Throw<InvalidOperationException>().WithMessage("Database:Provider is Postgres but ConnectionStrings:Dashboard is not set*");
    }

    [Fact]
    public void AddInfrastructure_WhenPostgresIsGivenASqliteConnectionString_ShouldFailNamingTheSetting()
    {
        var act = () => Build(new() { ["Database:Provider"] = "postgres", ["ConnectionStrings:Dashboard"] = "Data Source=data/cleandashboard.db" });

        act.Should().Throw<InvalidOperationException>().WithMessage("Database:Provider is Postgres but ConnectionStrings:Dashboard is not a PostgreSQL connection string*");
    }

    [Fact]
    public async Task AddInfrastructure_WhenPostgres_ShouldServeThePostgresContextWithItsOwnMigrations()
    {
        await using var services = Build(new() { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Dashboard"] = "Host=127.0.0.1;Database=never_opened" });
        await using var scope = services.CreateAsyncScope();

        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();

        db.Should().BeOfType<PostgresDashboardDbContext>();
        db.Database.ProviderName.Should().Be("Npgsql.EntityFrameworkCore.PostgreSQL");
        db.GetService<IMigrationsAssembly>().Migrations.Values.Should().NotBeEmpty()
            .And.OnlyContain(m => m.Namespace == "CleanDashboard.Infrastructure.Persistence.Migrations.Postgres");
        db.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(Domain.Entities.RequestLog))!.FindProperty(nameof(Domain.Entities.RequestLog.ModelName))!.GetCollation().Should().Be("C");
    }

    [Fact]
    public async Task AddInfrastructure_WhenNoProviderIsSet_ShouldServeTheSqliteContext()
    {
        await using var services = Build(new() { ["ConnectionStrings:Dashboard"] = "Data Source=never-opened.db" });
        await using var scope = services.CreateAsyncScope();

        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();

        db.Should().BeOfType<DashboardDbContext>();
        db.Database.IsSqlite().Should().BeTrue();
        db.GetService<IMigrationsAssembly>().Migrations.Values.Should().NotBeEmpty()
            .And.OnlyContain(m => m.Namespace == "CleanDashboard.Infrastructure.Persistence.Migrations");
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddInfrastructure(configuration)
            .BuildServiceProvider();
    }
}
