using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Dashboard.Queries.GetDashboard;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using Mapster;

namespace CleanDashboard.Application.Common.Mapping;

/// <summary>Mapster mappings from read models to DTOs, compiled once at start-up.</summary>
public static class MappingConfig
{
    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig();
        config.NewConfig<LabelCount, LabelValueDto>()
            .MapWith(src => new LabelValueDto(src.Label, src.Count));
        config.NewConfig<LabelCount, NamedCountDto>()
            .MapWith(src => new NamedCountDto(src.Label, src.Count));
        config.NewConfig<LabelCount, ThreatTypeCountDto>()
            .MapWith(src => new ThreatTypeCountDto(src.Label, src.Count));
        config.NewConfig<TrackedRequest, RequestLog>()
            .Ignore(dest => dest.Id, dest => dest.User!);
        config.Compile();
        return config;
    }
}
