using MaxMind.Db;

namespace CleanDashboard.Infrastructure.GeoIp;

/// <summary>
/// The country of one network in either schema the resolver reads: ip-location-db's <c>{"country_code": "US"}</c> or
/// MaxMind's own <c>{"country": {"iso_code": "US"}}</c>. Only these fields are decoded; the rest of a record is skipped.
/// </summary>
internal sealed class CountryRecord
{
    [Constructor]
    public CountryRecord([MapKey("country_code")] string? countryCode, [MapKey("country")] IsoCodeRecord? country)
    {
        CountryCode = countryCode ?? country?.IsoCode;
    }

    public string? CountryCode { get; }
}

/// <summary>MaxMind's <c>country</c> object, of which only the ISO 3166-1 code is read.</summary>
internal sealed class IsoCodeRecord
{
    [Constructor]
    public IsoCodeRecord([MapKey("iso_code")] string? isoCode)
    {
        IsoCode = isoCode;
    }

    public string? IsoCode { get; }
}
