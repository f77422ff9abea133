namespace CleanDashboard.Application.Common.Exceptions;

/// <summary>The thing asked for does not exist (or is not the caller's to see): a 404.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException()
        : base("The resource was not found.")
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotFoundException(string name, object key)
        : base($"{name} \"{key}\" was not found.")
    {
    }
}
