using FluentValidation;

namespace CleanDashboard.Application.Alerts.Common;

public static class NestedValidation
{
    /// <summary>Runs a validator on a property and reports its failures under their own names, not prefixed with the property's.</summary>
    public static IRuleBuilderOptionsConditions<T, TProperty> ValidatedBy<T, TProperty>(this IRuleBuilder<T, TProperty> rule, IValidator<TProperty> validator) =>
        rule.Custom((value, context) =>
        {
            foreach (var failure in validator.Validate(value).Errors)
            {
                context.AddFailure(failure);
            }
        });
}
