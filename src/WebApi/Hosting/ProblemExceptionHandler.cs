using System.Globalization;
using System.Text.Json;
using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Gateway.Protocols;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CleanDashboard.WebApi.Hosting;

/// <summary>
/// Turns the Application's exceptions into problem documents: bad input 400 naming each field, not found 404, a database
/// that cannot be written or reached 503 with Retry-After. On the gateway's routes the same errors are written in the
/// route's protocol (OpenAI or Ollama). Anything else falls through, is logged, and becomes a plain 500 without internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, GatewayProtocols protocols) : IExceptionHandler
{
    /// <summary>How long a client is told to wait before retrying when the database is unavailable.</summary>
    public const int DatabaseRetryAfterSeconds = 5;

    private const string BadRequestType = "https://tools.ietf.org/html/rfc9110#section-15.5.1";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem is null)
        {
            return false;
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = DatabaseRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        if ((endpoint?.Metadata.GetMetadata<GatewayProtocol>() ?? protocols.ForPath(httpContext.Request.Path)) is { } protocol)
        {
            await GatewayErrorWriter.WriteAsync(httpContext.Response, protocol, ToGatewayError(exception, problem), cancellationToken);
            return true;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        InvalidGatewayRequestException gateway => Invalid(new Dictionary<string, string[]> { [gateway.Param] = [gateway.Message] }),
        ValidationException validation => Invalid(validation.Errors.ToDictionary(e => e.Key, e => e.Value)),
        NotFoundException notFound => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Not found.",
            Detail = notFound.Message,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        },
        BadHttpRequestException { InnerException: JsonException { Path: { Length: > 2 } path } } => Invalid(
            new Dictionary<string, string[]> { [FieldName(path)] = ["The value could not be read: it has the wrong type or format."] }),
        BadHttpRequestException badRequest => new ProblemDetails
        {
            Status = badRequest.StatusCode,
            Title = "The request could not be read.",
            Detail = badRequest.Message,
        },
        _ when DatabaseUnavailable.IsCause(exception) => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable.",
            Detail = $"The database cannot be written or reached right now (busy, locked, read-only, full or offline); nothing was changed. Try again in {DatabaseRetryAfterSeconds} seconds.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        },
        _ => null,
    };

    private static ValidationProblemDetails Invalid(Dictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "One or more fields are invalid.",
        Type = BadRequestType,
    };

    private static GatewayError ToGatewayError(Exception exception, ProblemDetails problem) => (exception, problem) switch
    {
        (InvalidGatewayRequestException gateway, _) => new GatewayError(StatusCodes.Status400BadRequest, gateway.Message, gateway.Param, gateway.Code),
        (NotFoundException notFound, _) => new GatewayError(StatusCodes.Status404NotFound, notFound.Message, "model", "model_not_found"),
        (_, ValidationProblemDetails { Errors.Count: > 0 } validation) => FirstFieldError(validation),
        _ => new GatewayError(problem.Status!.Value, problem.Detail ?? problem.Title ?? "The request failed.", null, null),
    };

    private static GatewayError FirstFieldError(ValidationProblemDetails validation)
    {
        var (field, messages) = validation.Errors.First();
        return new GatewayError(validation.Status!.Value, $"Invalid '{field}': {string.Join(" ", messages)}", field, null);
    }

    /// <summary>"$.ids[3]" → "ids": the field named the way the client sent it.</summary>
    private static string FieldName(string jsonPath)
    {
        var name = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        var end = name.IndexOfAny(['.', '[']);
        return end > 0 ? name[..end] : name;
    }
}
