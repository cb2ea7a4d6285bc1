using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probity.Database;

namespace Probity.AuditTrail;

// How this module's entities are stored (tables, keys, widths, indexes), applied by ProbityDb with
// ApplyConfigurationsFromAssembly. Need-to-know query filters are not here: they read the asking context's scope and stay in ProbityDb.

internal sealed class AuditEntryMapping : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_trail");
        e.HasKey(a => a.Sequence);
        e.Property(a => a.Sequence).ValueGeneratedNever();
        e.Property(a => a.Actor).HasMaxLength(256);
        e.Property(a => a.Action).HasMaxLength(ColumnWidth.Code);
        e.Property(a => a.Target).HasMaxLength(400);
        e.Property(a => a.Detail).HasMaxLength(4000);
        e.Property(a => a.Client).HasMaxLength(100);
        e.Property(a => a.PreviousHash).HasMaxLength(64);
        e.Property(a => a.Hash).HasMaxLength(64);
        e.HasIndex(a => new { a.Target, a.Sequence });
        e.HasIndex(a => new { a.Actor, a.Sequence });
    }
}

internal sealed class AuditHeadMapping : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> e)
    {
        e.ToTable("audit_head");
        e.HasKey(h => h.Id);
        e.Property(h => h.Id).ValueGeneratedNever();
        e.Property(h => h.Hash).HasMaxLength(64);
    }
}
