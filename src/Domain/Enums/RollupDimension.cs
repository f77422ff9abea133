namespace CleanDashboard.Domain.Enums;

/// <summary>What a request rollup row is grouped by besides its time bucket.</summary>
public enum RollupDimension
{
    /// <summary>Every request of the bucket; the key is empty.</summary>
    Total = 0,

    /// <summary>The model name; requests without one are not in this dimension.</summary>
    Model = 1,

    /// <summary>The ISO country code; empty for an unknown country.</summary>
    Country = 2,

    /// <summary>The HTTP status code, written as text.</summary>
    Status = 3,

    /// <summary>The user's id, written as text; requests without a user are not in this dimension.</summary>
    User = 4,

    /// <summary>The API key's id, written as text; requests without a key are not in this dimension.</summary>
    ApiKey = 5,

    /// <summary>The endpoint's route template.</summary>
    Endpoint = 6,
}
