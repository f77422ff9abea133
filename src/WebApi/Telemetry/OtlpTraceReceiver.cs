using CleanDashboard.Application.Telemetry.Commands.IngestTraces;
using CleanDashboard.Application.Telemetry.Ingestion;
using CleanDashboard.Infrastructure.Telemetry.Otlp;
using CleanDashboard.WebApi.Hosting;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Telemetry;

/// <summary>
/// <c>POST /v1/traces</c> in OTLP/HTTP's terms: the answer is in the request's encoding, 200 with
/// <c>partialSuccess</c> when some spans were rejected, 400/413/415 with a <c>google.rpc.Status</c> naming the problem,
/// 503 with <c>Retry-After</c> when the queue took nothing.
/// </summary>
public sealed class OtlpTraceReceiver(IMediator mediator, IOptions<OtlpIngestionOptions> options)
{
    private const string RetryAfterSeconds = "5";

    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var encoding = OtlpRequestBody.Encoding(context.Request);
        try
        {
            if (encoding is null)
            {
                throw OtlpBodyException.Unsupported("Send the export as 'application/x-protobuf' or 'application/json'.");
            }

            var body = await OtlpRequestBody.ReadAsync(context.Request, options.Value.MaxBodyBytes, cancellationToken);
            var caller = context.Caller();
            var result = await mediator.Send(new IngestTracesCommand(body, encoding.Value, caller.UserId, caller.ApiKeyId), cancellationToken);
            await WriteAsync(context, StatusCodes.Status200OK, encoding.Value, OtlpResponses.Export(result, encoding.Value));
        }
        catch (OtlpBodyException problem)
        {
            var code = problem.Status == StatusCodes.Status413PayloadTooLarge ? OtlpResponses.ResourceExhausted : OtlpResponses.InvalidArgument;
            await WriteStatusAsync(context, problem.Status, encoding, code, problem.Message);
        }
        catch (InvalidTelemetryException invalid)
        {
            await WriteStatusAsync(context, StatusCodes.Status400BadRequest, encoding, OtlpResponses.InvalidArgument, invalid.Message);
        }
        catch (TelemetryBackpressureException full)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await WriteStatusAsync(context, StatusCodes.Status503ServiceUnavailable, encoding, OtlpResponses.Unavailable, full.Message);
        }
    }

    private static Task WriteStatusAsync(HttpContext context, int status, TraceEncoding? encoding, int code, string message) =>
        WriteAsync(context, status, encoding ?? TraceEncoding.Json, OtlpResponses.Status(code, message, encoding ?? TraceEncoding.Json));

    private static async Task WriteAsync(HttpContext context, int status, TraceEncoding encoding, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = encoding == TraceEncoding.Protobuf ? "application/x-protobuf" : "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
