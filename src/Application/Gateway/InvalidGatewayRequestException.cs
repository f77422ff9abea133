namespace CleanDashboard.Application.Gateway;

/// <summary>
/// A model request the gateway refuses (400): the parameter at fault as the client wrote it (<c>messages[0].role</c>)
/// and OpenAI's machine-readable code for the kind of mistake (<see cref="GatewayErrorCodes"/>).
/// </summary>
public sealed class InvalidGatewayRequestException : Exception
{
    public InvalidGatewayRequestException()
        : this("body", "The request is invalid.", null)
    {
    }

    public InvalidGatewayRequestException(string message)
        : this("body", message, null)
    {
    }

    public InvalidGatewayRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Param = "body";
    }

    public InvalidGatewayRequestException(string param, string message, string? code)
        : base(message)
    {
        Param = param;
        Code = code;
    }

    public string Param { get; }

    public string? Code { get; }
}

/// <summary>The <c>code</c> values OpenAI's API answers bad requests with.</summary>
public static class GatewayErrorCodes
{
    public const string InvalidType = "invalid_type";
    public const string InvalidValue = "invalid_value";
    public const string MissingRequiredParameter = "missing_required_parameter";
    public const string EmptyArray = "empty_array";
    public const string IntegerBelowMinValue = "integer_below_min_value";
    public const string IntegerAboveMaxValue = "integer_above_max_value";
    public const string StringAboveMaxLength = "string_above_max_length";
}
