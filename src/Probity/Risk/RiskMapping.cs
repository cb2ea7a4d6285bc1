using Probity.Risk.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probity.Database;

namespace Probity.Risk;

// How this module's entities are stored (tables, keys, widths, indexes), applied by ProbityDb with
// ApplyConfigurationsFromAssembly. Need-to-know query filters are not here: they read the asking context's scope and stay in ProbityDb.

internal sealed class PersonOfConcernMapping : IEntityTypeConfiguration<PersonOfConcern>
{
    public void Configure(EntityTypeBuilder<PersonOfConcern> e)
    {
        e.ToTable("persons_of_concern");
        e.HasKey(p => p.Id);
        e.Property(p => p.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(p => p.Category).HasMaxLength(4);
        e.Property(p => p.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(p => p.PersonDescription).HasMaxLength(400);
        e.Property(p => p.Rationale).HasMaxLength(4000);
        e.Property(p => p.RecordedBy).HasMaxLength(256);
        e.Property(p => p.ClosedReason).HasMaxLength(2000);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasIndex(p => p.StaffId);
        e.HasIndex(p => p.ReviewOn);
    }
}

internal sealed class RiskInterventionMapping : IEntityTypeConfiguration<RiskIntervention>
{
    public void Configure(EntityTypeBuilder<RiskIntervention> e)
    {
        e.ToTable("risk_interventions");
        e.HasKey(i => i.Id);
        e.Property(i => i.Subject).HasMaxLength(16);
        e.Property(i => i.SubjectId).HasMaxLength(ColumnWidth.Id);
        e.Property(i => i.RuleId).HasMaxLength(ColumnWidth.Code);
        e.Property(i => i.Decision).HasMaxLength(ColumnWidth.Code);
        e.Property(i => i.Notes).HasMaxLength(4000);
        e.Property(i => i.DecidedBy).HasMaxLength(256);
        e.Property(i => i.Outcome).HasMaxLength(ColumnWidth.Code);
        e.HasIndex(i => new { i.Subject, i.SubjectId });
        e.HasIndex(i => i.FollowUpOn);
    }
}
