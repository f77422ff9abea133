namespace CleanDashboard.WebApi.Infrastructure;

public static class AuthPolicies
{
    /// <summary>Any valid API key.</summary>
    public const string ApiKey = "api-key";

    /// <summary>An API key of an admin user.</summary>
    public const string Admin = "admin";
}
