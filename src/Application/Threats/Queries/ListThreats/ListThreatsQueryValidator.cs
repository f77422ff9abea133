using System.Net;
using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Threats.Detection;
using FluentValidation;

namespace CleanDashboard.Application.Threats.Queries.ListThreats;

public sealed class ListThreatsQueryValidator : ListQueryValidator<ListThreatsQuery>
{
    public ListThreatsQueryValidator(ThreatTypeCatalog threatTypes)
        : base(ThreatDto.Columns)
    {
        RuleForDateRange(q => q.From, q => q.To);
        RuleFor(q => q.Severity)
            .Must(s => ThreatSeverities.Parse(s) is not null).When(q => !string.IsNullOrWhiteSpace(q.Severity))
            .WithMessage($"Severity must be one of: {string.Join(", ", ThreatSeverities.Names)}.");
        RuleForOptionalBool(q => q.Resolved, "resolved");
        RuleFor(q => q.ThreatType)
            .Must(t => threatTypes.Contains(t!.Trim().ToLowerInvariant())).When(q => !string.IsNullOrWhiteSpace(q.ThreatType))
            .WithMessage($"ThreatType must be one of: {string.Join(", ", threatTypes.All)}.");
        RuleFor(q => q.Ip)
            .Must(ip => IPAddress.TryParse(ip!.Trim(), out _)).When(q => !string.IsNullOrWhiteSpace(q.Ip))
            .WithMessage("Ip must be an IPv4 or IPv6 address.");
    }
}
