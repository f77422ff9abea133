using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Auth;

/// <summary>Who sent a request, as established from their API key.</summary>
public sealed record AuthenticatedCaller(int UserId, int ApiKeyId, string UserName, UserRole Role, bool NeverCapture = false);
