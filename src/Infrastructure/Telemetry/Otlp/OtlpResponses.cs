using CleanDashboard.Application.Telemetry.Commands.IngestTraces;
using CleanDashboard.Application.Telemetry.Ingestion;
using CleanDashboard.Infrastructure.Telemetry.Otlp.Wire;
using Google.Protobuf;

namespace CleanDashboard.Infrastructure.Telemetry.Otlp;

/// <summary>The bodies of OTLP/HTTP answers, in the encoding of the request: <c>ExportTraceServiceResponse</c> and, for errors, <c>google.rpc.Status</c>.</summary>
public static class OtlpResponses
{
    /// <summary>google.rpc.Code INVALID_ARGUMENT, RESOURCE_EXHAUSTED, UNAVAILABLE.</summary>
    public const int InvalidArgument = 3, ResourceExhausted = 8, Unavailable = 14;

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    /// <summary>An export with no rejected span answers an empty response (no <c>partialSuccess</c>), as OTLP asks.</summary>
    public static byte[] Export(IngestTracesResult result, TraceEncoding encoding)
    {
        var response = new ExportTraceServiceResponse();
        if (result.Rejected > 0 || result.ErrorMessage is not null)
        {
            response.PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = result.Rejected, ErrorMessage = result.ErrorMessage ?? string.Empty };
        }

        return Encode(response, encoding);
    }

    public static byte[] Status(int code, string message, TraceEncoding encoding) =>
        Encode(new RpcStatus { Code = code, Message = message }, encoding);

    private static byte[] Encode(IMessage message, TraceEncoding encoding) =>
        encoding == TraceEncoding.Protobuf ? message.ToByteArray() : System.Text.Encoding.UTF8.GetBytes(Json.Format(message));
}
