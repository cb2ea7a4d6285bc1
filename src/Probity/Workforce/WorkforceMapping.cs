using Probity.Workforce.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probity.Database;

namespace Probity.Workforce;

// How this module's entities are stored (tables, keys, widths, indexes), applied by ProbityDb with
// ApplyConfigurationsFromAssembly. Need-to-know query filters are not here: they read the asking context's scope and stay in ProbityDb.

internal sealed class UnitMapping : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> e)
    {
        e.ToTable("units");
        e.HasKey(u => u.Id);
        e.Property(u => u.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(u => u.Name).HasMaxLength(200);
        e.Property(u => u.Kind).HasMaxLength(ColumnWidth.Code);
        e.Property(u => u.ParentUnitId).HasMaxLength(ColumnWidth.Id);
        e.HasIndex(u => u.ParentUnitId);
    }
}

internal sealed class StaffMemberMapping : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> e)
    {
        e.ToTable("staff");
        e.HasKey(s => s.Id);
        e.Property(s => s.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(s => s.DisplayName).HasMaxLength(200);
        e.Property(s => s.StaffType).HasMaxLength(ColumnWidth.Code);
        e.Property(s => s.Rank).HasMaxLength(ColumnWidth.Code);
        e.Property(s => s.UnitId).HasMaxLength(ColumnWidth.Id);
        e.Property(s => s.Gender).HasMaxLength(ColumnWidth.Code);
        e.Property(s => s.Ethnicity).HasMaxLength(ColumnWidth.Code);
        e.Property(s => s.VettingLevel).HasMaxLength(ColumnWidth.Code);
        e.HasIndex(s => s.UnitId);
        e.HasIndex(s => s.DisplayName);
        // The vetting register (Registers/Vetting) at 52,000 staff: its people list is read soonest expiry first (this order
        // lets the list stop at its page instead of sorting everyone), and its counts are taken per clearance level over
        // everyone serving (this index holds every column they read, in level order: no sort, no wide rows). bench/README.md.
        e.HasIndex(s => new { s.VettingExpiresOn, s.DisplayName, s.Id }).HasDatabaseName("IX_staff_vetting_order");
        e.HasIndex(s => new { s.VettingLevel, s.VettingExpiresOn, s.LeftOn, s.UnitId, s.Id }).HasDatabaseName("IX_staff_vetting_counts");
    }
}

internal sealed class PostingMapping : IEntityTypeConfiguration<Posting>
{
    public void Configure(EntityTypeBuilder<Posting> e)
    {
        e.ToTable("postings");
        e.HasKey(p => new { p.StaffId, p.UnitId, p.FromDate });
        e.Property(p => p.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(p => p.UnitId).HasMaxLength(ColumnWidth.Id);
    }
}
