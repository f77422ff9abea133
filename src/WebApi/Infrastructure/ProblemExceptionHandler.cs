using System.Text.Json;
using CleanDashboard.Application.Common.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CleanDashboard.WebApi.Infrastructure;

/// <summary>
/// Turns the Application's exceptions into problem documents: bad input 400 naming each field,
/// not found 404. Anything else falls through, is logged, and becomes a plain 500 without internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException validation => new ValidationProblemDetails(validation.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            },
            NotFoundException notFound => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found.",
                Detail = notFound.Message,
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            },
            BadHttpRequestException { InnerException: JsonException { Path: { Length: > 2 } path } } => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [FieldName(path)] = ["The value could not be read: it has the wrong type or format."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            },
            BadHttpRequestException badRequest => new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read.",
                Detail = badRequest.Message,
            },
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>"$.ids[3]" → "ids": the field named the way the client sent it.</summary>
    private static string FieldName(string jsonPath)
    {
        var name = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        var end = name.IndexOfAny(['.', '[']);
        return end > 0 ? name[..end] : name;
    }
}
