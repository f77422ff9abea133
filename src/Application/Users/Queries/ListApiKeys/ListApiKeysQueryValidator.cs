using CleanDashboard.Application.Common.Lists;

namespace CleanDashboard.Application.Users.Queries.ListApiKeys;

public sealed class ListApiKeysQueryValidator : ListQueryValidator<ListApiKeysQuery>
{
    public ListApiKeysQueryValidator()
        : base(ApiKeyDto.Columns)
    {
        RuleForOptionalInt(q => q.UserId, "userId", 1, int.MaxValue);
        RuleForOptionalBool(q => q.Revoked, "revoked");
    }
}
