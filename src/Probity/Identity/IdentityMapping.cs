using Probity.Identity.Contracts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probity.Database;

namespace Probity.Identity;

// How this module's entities are stored (tables, keys, widths, indexes), applied by ProbityDb with
// ApplyConfigurationsFromAssembly. Need-to-know query filters are not here: they read the asking context's scope and stay in ProbityDb.

internal sealed class ProbityUserMapping : IEntityTypeConfiguration<ProbityUser>
{
    public void Configure(EntityTypeBuilder<ProbityUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(200);
        e.Property(u => u.Team).HasMaxLength(ColumnWidth.Code);
        e.Property(u => u.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(u => u.BoroughUnitId).HasMaxLength(ColumnWidth.Id);
    }
}

internal sealed class DataProtectionKeyMapping : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> e)
    {
        e.ToTable("data_protection_keys");
        e.Property(k => k.FriendlyName).HasMaxLength(100);
    }
}
