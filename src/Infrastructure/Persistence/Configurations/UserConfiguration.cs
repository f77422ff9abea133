using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Name).HasMaxLength(User.NameMaxLength).IsRequired();
        builder.HasIndex(u => u.Name).IsUnique().HasFilter("\"ParentUserId\" IS NULL");
        builder.Property(u => u.ExternalId).HasMaxLength(User.ExternalIdMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(u => u.ParentUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.ParentUserId, u.ExternalId }).IsUnique();
        builder.Property(u => u.Role).HasConversion(EnumText.Converter<UserRole>()).HasMaxLength(10);
        builder.Ignore(u => u.IsAdmin);
    }
}
