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
        e.Property(p => p.PersonDescription).HasMaxLength(ConcernRegister.Widths.PersonDescription);
        e.Property(p => p.Rationale).HasMaxLength(ConcernRegister.Widths.Rationale);
        e.Property(p => p.RecordedBy).HasMaxLength(256);
        e.Property(p => p.ClosedReason).HasMaxLength(ConcernRegister.Widths.ClosedReason);
        e.Property(p => p.ClosedBy).HasMaxLength(256);
        e.Property(p => p.PersonId).HasMaxLength(ColumnWidth.Id);
        e.Property(p => p.FormerStaffId).HasMaxLength(ColumnWidth.Id);
        e.HasIndex(p => p.PersonId);
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

internal sealed class ConcernReviewMapping : IEntityTypeConfiguration<ConcernReview>
{
    public void Configure(EntityTypeBuilder<ConcernReview> e)
    {
        e.ToTable("concern_reviews");
        e.HasKey(r => r.Id);
        e.Property(r => r.ConcernId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.ReviewedBy).HasMaxLength(256);
        e.Property(r => r.Findings).HasMaxLength(ConcernRegister.Widths.Findings);
        e.HasOne<PersonOfConcern>().WithMany().HasForeignKey(r => r.ConcernId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConcernTacticMapping : IEntityTypeConfiguration<ConcernTactic>
{
    public void Configure(EntityTypeBuilder<ConcernTactic> e)
    {
        e.ToTable("concern_tactics");
        e.HasKey(t => t.Id);
        e.Property(t => t.ConcernId).HasMaxLength(ColumnWidth.Id);
        e.Property(t => t.Tactic).HasMaxLength(ColumnWidth.Code);
        e.Property(t => t.Owner).HasMaxLength(ConcernRegister.Widths.Owner);
        e.Property(t => t.Notes).HasMaxLength(ConcernRegister.Widths.Notes);
        e.Property(t => t.State).HasMaxLength(ColumnWidth.Code);
        e.Property(t => t.RecordedBy).HasMaxLength(256);
        e.Property(t => t.Version).IsConcurrencyToken();
        e.HasOne<PersonOfConcern>().WithMany().HasForeignKey(t => t.ConcernId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConcernAssociationMapping : IEntityTypeConfiguration<ConcernAssociation>
{
    public void Configure(EntityTypeBuilder<ConcernAssociation> e)
    {
        e.ToTable("concern_associations");
        e.HasKey(a => a.Id);
        e.Property(a => a.ConcernId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.Basis).HasMaxLength(ConcernRegister.Widths.Basis);
        e.Property(a => a.RecordedBy).HasMaxLength(256);
        e.HasIndex(a => new { a.ConcernId, a.StaffId }).IsUnique();
        e.HasIndex(a => a.StaffId);
        e.HasOne<PersonOfConcern>().WithMany().HasForeignKey(a => a.ConcernId).OnDelete(DeleteBehavior.Cascade);
    }
}
