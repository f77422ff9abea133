namespace CleanDashboard.WebApi.Infrastructure;

/// <summary>Every response says <c>X-Content-Type-Options: nosniff</c> and carries no server banner.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
