using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Configuration;

/// <summary>
/// Checks an options class's data annotations, property by property, and names each failure by its configuration key
/// (<c>Retention:RequestLogDays</c>), so an operator knows which setting to fix; nested classes marked
/// <see cref="ValidateObjectMembersAttribute"/> are checked under their own key.
/// </summary>
public sealed class ConfigurationKeyValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        Collect(options, section, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object options, string prefix, List<string> failures)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}:{property.Name}";
            var value = property.GetValue(options);
            var rules = property.GetCustomAttributes<ValidationAttribute>().ToList();
            var results = new List<ValidationResult>();
            var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = key };
            if (rules.Count > 0 && !Validator.TryValidateValue(value, context, results, rules))
            {
                failures.AddRange(results.Select(r => r.ErrorMessage ?? $"{key} is not valid."));
            }

            if (value is not null && property.IsDefined(typeof(ValidateObjectMembersAttribute)))
            {
                Collect(value, key, failures);
            }
        }
    }
}
