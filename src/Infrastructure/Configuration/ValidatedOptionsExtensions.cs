using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Configuration;

public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its configuration section and checks it when the host starts, so a bad value
    /// stops the start naming its key instead of failing the first request that reads it.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new ConfigurationKeyValidator<TOptions>(section));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// Checks the settings by building what is made of them (a time zone, a regular expression, a network): the
    /// <see cref="InvalidOperationException"/> that building throws, naming the key, becomes the validation failure.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateBy<TOptions>(this OptionsBuilder<TOptions> builder, Action<TOptions> build)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new BuildCheck<TOptions>(build));
        return builder;
    }

    /// <summary>The bound value as a plain singleton, for the classes that take the settings rather than <see cref="IOptions{TOptions}"/>.</summary>
    public static IServiceCollection AddOptionsValue<TOptions>(this IServiceCollection services)
        where TOptions : class =>
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TOptions>>().Value);
}

internal sealed class BuildCheck<TOptions>(Action<TOptions> build) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        try
        {
            build(options);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
