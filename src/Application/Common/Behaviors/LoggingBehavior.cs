using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanDashboard.Application.Common.Behaviors;

/// <summary>
/// Outermost behavior: logs the request name and elapsed time, and a warning when a request takes the threshold or longer.
/// Time comes from <see cref="TimeProvider"/> so the slow path is testable without a slow handler.
/// Never logs the request itself — it can carry IP addresses and user data.
/// </summary>
public sealed class LoggingBehavior<TRequest, TResponse>(
    ILogger<LoggingBehavior<TRequest, TResponse>> logger, TimeProvider timeProvider)
    : IPipelineBehavior<TRequest, TResponse>
{
    internal static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(500);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var started = timeProvider.GetTimestamp();
        try
        {
            return await next();
        }
        finally
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            if (elapsed >= SlowThreshold)
            {
                logger.LogWarning("Slow request {RequestName} took {ElapsedMs:F1} ms", name, elapsed.TotalMilliseconds);
            }
            else
            {
                logger.LogInformation("Handled {RequestName} in {ElapsedMs:F1} ms", name, elapsed.TotalMilliseconds);
            }
        }
    }
}
