using Probity.Cases.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probity.Database;

namespace Probity.Cases;

// How this module's entities are stored (tables, keys, widths, indexes), applied by ProbityDb with
// ApplyConfigurationsFromAssembly. Need-to-know query filters are not here: they read the asking context's scope and stay in ProbityDb.

internal sealed class CaseMapping : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> e)
    {
        e.ToTable("cases");
        e.HasKey(c => c.Id);
        e.Property(c => c.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.CaseType).HasMaxLength(ColumnWidth.Code);
        e.Property(c => c.Regime).HasMaxLength(8);
        e.Property(c => c.Source).HasMaxLength(ColumnWidth.Code);
        e.Property(c => c.LocationUnitId).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.HandlingUnitId).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.LocallyHandledFromUnitId).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.HandlingRoute).HasMaxLength(ColumnWidth.Code);
        e.Property(c => c.Summary).HasMaxLength(4000);
        // Sign-in names, as the identity store keeps them (256): an account's name, not a key into another module's tables.
        e.Property(c => c.InvestigatingOfficer).HasMaxLength(256);
        e.Property(c => c.Supervisor).HasMaxLength(256);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasIndex(c => c.ReceivedOn);
        e.HasIndex(c => new { c.HandlingUnitId, c.ReceivedOn });
        e.HasIndex(c => new { c.LocationUnitId, c.ReceivedOn });
        e.HasIndex(c => new { c.FinalisedOn, c.ReceivedOn });
        // "My cases" and the team caseload: a person's live cases, as investigator or as supervisor.
        e.HasIndex(c => new { c.InvestigatingOfficer, c.FinalisedOn });
        e.HasIndex(c => new { c.Supervisor, c.FinalisedOn });
        e.HasMany(c => c.Allegations).WithOne(a => a.Case).HasForeignKey(a => a.CaseId);
        e.HasMany(c => c.Sanctions).WithOne(s => s.Case).HasForeignKey(s => s.CaseId);
        e.HasMany(c => c.Appeals).WithOne(a => a.Case).HasForeignKey(a => a.CaseId);
        e.HasMany(c => c.Complainants).WithOne(a => a.Case).HasForeignKey(a => a.CaseId);
        e.HasMany(c => c.Timeline).WithOne().HasForeignKey(t => t.CaseId);
        e.HasMany(c => c.AccessGrants).WithOne().HasForeignKey(g => g.CaseId);
        e.HasMany(c => c.Documents).WithOne(d => d.Case).HasForeignKey(d => d.CaseId);
    }
}

internal sealed class AllegationMapping : IEntityTypeConfiguration<Allegation>
{
    public void Configure(EntityTypeBuilder<Allegation> e)
    {
        e.ToTable("allegations");
        e.HasKey(a => a.Id);
        e.Property(a => a.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.Category).HasMaxLength(ColumnWidth.Code);
        e.Property(a => a.Finding).HasMaxLength(ColumnWidth.Code);
        e.HasIndex(a => a.CaseId);
        e.HasIndex(a => new { a.StaffId, a.CaseId });
        e.HasIndex(a => new { a.Category, a.CaseId });
    }
}

internal sealed class SanctionMapping : IEntityTypeConfiguration<Sanction>
{
    public void Configure(EntityTypeBuilder<Sanction> e)
    {
        e.ToTable("sanctions");
        e.HasKey(s => new { s.CaseId, s.StaffId, s.Outcome });
        e.Property(s => s.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(s => s.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(s => s.Outcome).HasMaxLength(ColumnWidth.Code);
        e.HasIndex(s => s.StaffId);
    }
}

internal sealed class AppealMapping : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> e)
    {
        e.ToTable("appeals");
        e.HasKey(a => a.Id);
        e.Property(a => a.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.AppealType).HasMaxLength(ColumnWidth.Code);
        e.Property(a => a.HearingId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.SubstitutedOutcome).HasMaxLength(ColumnWidth.Code);
        e.HasIndex(a => a.CaseId);
    }
}

internal sealed class ComplainantMapping : IEntityTypeConfiguration<Complainant>
{
    public void Configure(EntityTypeBuilder<Complainant> e)
    {
        e.ToTable("complainants");
        e.HasKey(c => c.Id);
        e.Property(c => c.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.Gender).HasMaxLength(ColumnWidth.Code);
        e.Property(c => c.Ethnicity).HasMaxLength(ColumnWidth.Code);
        e.Property(c => c.AgeBand).HasMaxLength(ColumnWidth.Code);
        e.Property(c => c.HomeUnitId).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.Contact).HasMaxLength(400);
        e.HasIndex(c => c.CaseId);
    }
}

internal sealed class CaseEventMapping : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> e)
    {
        e.ToTable("case_events");
        e.HasKey(t => t.Id);
        e.Property(t => t.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(t => t.Actor).HasMaxLength(256);
        e.Property(t => t.Kind).HasMaxLength(ColumnWidth.Code);
        e.Property(t => t.Detail).HasMaxLength(2000);
        e.Property(t => t.Reason).HasMaxLength(2000);
        e.HasIndex(t => t.CaseId);
    }
}

internal sealed class CaseLinkMapping : IEntityTypeConfiguration<CaseLink>
{
    public void Configure(EntityTypeBuilder<CaseLink> e)
    {
        e.ToTable("case_links");
        e.HasKey(l => l.Id);
        e.Property(l => l.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(l => l.RelatedCaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(l => l.Relation).HasMaxLength(ColumnWidth.Code);
        e.Property(l => l.Reason).HasMaxLength(2000);
        e.Property(l => l.LinkedBy).HasMaxLength(256);
        // One link per pair: the handler stores the ordinally lower id first, so A-B and B-A are the same row. (No check
        // constraint says so: PostgreSQL compares text by its collation, not ordinally.)
        e.HasIndex(l => new { l.CaseId, l.RelatedCaseId }).IsUnique();
        e.HasIndex(l => l.RelatedCaseId);
    }
}

internal sealed class CaseAccessGrantMapping : IEntityTypeConfiguration<CaseAccessGrant>
{
    public void Configure(EntityTypeBuilder<CaseAccessGrant> e)
    {
        e.ToTable("case_access_grants");
        e.HasKey(g => new { g.CaseId, g.Principal });
        e.Property(g => g.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(g => g.Principal).HasMaxLength(256);
        e.Property(g => g.GrantedBy).HasMaxLength(256);
    }
}

internal sealed class CaseReportMapping : IEntityTypeConfiguration<CaseReport>
{
    public void Configure(EntityTypeBuilder<CaseReport> e)
    {
        e.ToTable("case_reports");
        e.HasKey(r => r.CaseId);
        e.Property(r => r.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.State).HasMaxLength(ColumnWidth.Code);
        e.Property(r => r.Summary).HasMaxLength(InvestigationReport.InvestigationReportHandler.MaxSummary);
        e.Property(r => r.SubmittedBy).HasMaxLength(256);
        e.Property(r => r.DecidedBy).HasMaxLength(256);
        e.Property(r => r.Comments).HasMaxLength(CaseEditing.MaxReason);
        // "Awaiting my sign-off" finds reports through the case's supervisor (indexed on cases), so no index of its own.
        e.HasOne(r => r.Case).WithOne(c => c.Report).HasForeignKey<CaseReport>(r => r.CaseId);
    }
}

internal sealed class CaseLitigationMapping : IEntityTypeConfiguration<CaseLitigation>
{
    public void Configure(EntityTypeBuilder<CaseLitigation> e)
    {
        e.ToTable("case_litigation");
        e.HasKey(l => l.CaseId);
        e.Property(l => l.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(l => l.Representation).HasMaxLength(ColumnWidth.Code);
        e.Property(l => l.Representative).HasMaxLength(Litigation.LitigationHandler.MaxName);
        e.Property(l => l.HeadsOfClaim).HasMaxLength(1000);
        e.Property(l => l.GrievanceStage).HasMaxLength(ColumnWidth.Code);
        e.Property(l => l.Liability).HasMaxLength(ColumnWidth.Code);
        e.Property(l => l.LiabilityDecidedBy).HasMaxLength(Litigation.LitigationHandler.MaxName);
        e.Property(l => l.Outcome).HasMaxLength(ColumnWidth.Code);
        e.Ignore(l => l.TotalCostPence);
        // The cost figures read every row by its outcome's date.
        e.HasIndex(l => l.OutcomeOn);
        e.HasOne(l => l.Case).WithOne(c => c.Litigation).HasForeignKey<CaseLitigation>(l => l.CaseId);
    }
}

internal sealed class LitigationHearingMapping : IEntityTypeConfiguration<LitigationHearing>
{
    public void Configure(EntityTypeBuilder<LitigationHearing> e)
    {
        e.ToTable("litigation_hearings");
        e.HasKey(h => h.Id);
        e.Property(h => h.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(h => h.Kind).HasMaxLength(ColumnWidth.Code);
        e.Property(h => h.ListedBy).HasMaxLength(256);
        e.HasIndex(h => h.CaseId);
        e.HasOne(h => h.Litigation).WithMany(l => l.Hearings).HasForeignKey(h => h.CaseId);
    }
}

internal sealed class CaseDocumentMapping : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> e)
    {
        e.ToTable("case_documents");
        e.HasKey(d => d.Id);
        e.Property(d => d.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(d => d.Kind).HasMaxLength(ColumnWidth.Code);
        e.Property(d => d.Title).HasMaxLength(200);
        e.Property(d => d.FileName).HasMaxLength(255);
        e.Property(d => d.MediaType).HasMaxLength(100);
        e.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
        e.Property(d => d.AttachedBy).HasMaxLength(256);
        e.Property(d => d.RemovedBy).HasMaxLength(256);
        e.Property(d => d.RemovedReason).HasMaxLength(CaseEditing.MaxReason);
        e.HasIndex(d => d.CaseId);
        e.HasIndex(d => d.Sha256);
    }
}

internal sealed class DocumentContentMapping : IEntityTypeConfiguration<Documents.DocumentContent>
{
    public void Configure(EntityTypeBuilder<Documents.DocumentContent> e)
    {
        e.ToTable("document_contents");
        e.HasKey(d => d.Sha256);
        e.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
    }
}

internal sealed class LetterTemplateMapping : IEntityTypeConfiguration<Letters.LetterTemplate>
{
    public void Configure(EntityTypeBuilder<Letters.LetterTemplate> e)
    {
        e.ToTable("letter_templates");
        e.HasKey(t => t.Name);
        e.Property(t => t.Name).HasMaxLength(ColumnWidth.Code);
        e.Property(t => t.Body).HasMaxLength(20000);
        e.Property(t => t.UpdatedBy).HasMaxLength(256);
        e.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class SeverityAssessmentMapping : IEntityTypeConfiguration<SeverityAssessment>
{
    public void Configure(EntityTypeBuilder<SeverityAssessment> e)
    {
        e.ToTable("severity_assessments");
        e.HasKey(s => s.Id);
        e.Property(s => s.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(s => s.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(s => s.Severity).HasMaxLength(ColumnWidth.Code);
        e.Property(s => s.AssessedBy).HasMaxLength(256);
        e.Property(s => s.Rationale).HasMaxLength(CaseEditing.MaxReason);
        e.HasIndex(s => new { s.CaseId, s.StaffId });
        e.HasOne(s => s.Case).WithMany().HasForeignKey(s => s.CaseId);
    }
}

internal sealed class ConductHearingMapping : IEntityTypeConfiguration<ConductHearing>
{
    public void Configure(EntityTypeBuilder<ConductHearing> e)
    {
        e.ToTable("conduct_hearings");
        e.HasKey(h => h.Id);
        e.Property(h => h.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(h => h.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(h => h.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(h => h.Kind).HasMaxLength(ColumnWidth.Code);
        e.Property(h => h.ArrangedBy).HasMaxLength(256);
        e.Property(h => h.Attendance).HasMaxLength(ColumnWidth.Code);
        e.Property(h => h.Outcome).HasMaxLength(ColumnWidth.Code);
        e.HasIndex(h => h.CaseId);
        e.HasOne(h => h.Case).WithMany().HasForeignKey(h => h.CaseId);
        // The panel belongs to its hearing (loaded with it, filtered with it): an owned collection in a table of its own.
        e.OwnsMany(h => h.Panel, p =>
        {
            p.ToTable("conduct_hearing_panel");
            p.WithOwner().HasForeignKey("HearingId");
            p.HasKey("HearingId", nameof(HearingPanelMember.Seat));
            p.Property(m => m.Seat).ValueGeneratedNever();
            p.Property(m => m.StaffId).HasMaxLength(ColumnWidth.Id);
            p.Property(m => m.Role).HasMaxLength(ColumnWidth.Code);
        });
    }
}

internal sealed class ReflectivePracticeReviewMapping : IEntityTypeConfiguration<ReflectivePracticeReview>
{
    public void Configure(EntityTypeBuilder<ReflectivePracticeReview> e)
    {
        e.ToTable("reflective_practice_reviews");
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.StartedBy).HasMaxLength(256);
        e.Property(r => r.Reflection).HasMaxLength(4000);
        e.Property(r => r.CompletionNote).HasMaxLength(CaseEditing.MaxReason);
        e.HasIndex(r => r.CaseId);
        e.HasOne(r => r.Case).WithMany().HasForeignKey(r => r.CaseId);
    }
}
