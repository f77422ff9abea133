namespace CleanDashboard.Domain.Enums;

public enum UserRole
{
    Member = 0,
    Admin = 1,
}
