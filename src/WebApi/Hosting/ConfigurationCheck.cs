using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Hosting;

/// <summary>
/// Runs every options check the host would run at its start (<c>ValidateOnStart</c>) before anything starts, so a bad
/// setting ends the process with one line naming its key, exit code 2, and no stack trace.
/// </summary>
public static class ConfigurationCheck
{
    public static string? Problem(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (Exception ex) when (FirstFailure(ex) is { } failure)
        {
            return $"{failure} Not starting.";
        }
    }

    /// <summary>A failed check, or a value the binder could not convert ("Failed to convert configuration value at 'Retention:RequestLogDays' …").</summary>
    private static string? FirstFailure(Exception ex) => ex switch
    {
        OptionsValidationException validation => validation.Failures.FirstOrDefault() ?? validation.Message,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FirstFailure).FirstOrDefault(f => f is not null),
        InvalidOperationException conversion when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => conversion.Message,
        _ => null,
    };
}
