using Probity.Registers.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probity.Database;

namespace Probity.Registers;

// How this module's entities are stored (tables, keys, widths, indexes), applied by ProbityDb with
// ApplyConfigurationsFromAssembly. Need-to-know query filters are not here: they read the asking context's scope and stay in ProbityDb.

internal sealed class PopulationCountMapping : IEntityTypeConfiguration<PopulationCount>
{
    public void Configure(EntityTypeBuilder<PopulationCount> e)
    {
        e.ToTable("population");
        e.HasKey(p => new { p.UnitId, p.Ethnicity, p.Gender, p.AgeBand });
        e.Property(p => p.UnitId).HasMaxLength(ColumnWidth.Id);
        e.Property(p => p.Ethnicity).HasMaxLength(ColumnWidth.Code);
        e.Property(p => p.Gender).HasMaxLength(ColumnWidth.Code);
        e.Property(p => p.AgeBand).HasMaxLength(ColumnWidth.Code);
    }
}

internal sealed class ExposureMonthMapping : IEntityTypeConfiguration<ExposureMonth>
{
    public void Configure(EntityTypeBuilder<ExposureMonth> e)
    {
        e.ToTable("exposure");
        e.HasKey(x => new { x.StaffId, x.Month });
        e.Property(x => x.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(x => x.Month).HasMaxLength(7);
        e.Property(x => x.HoursOnDuty).HasPrecision(9, 2);
    }
}

internal sealed class BusinessInterestMapping : IEntityTypeConfiguration<BusinessInterest>
{
    public void Configure(EntityTypeBuilder<BusinessInterest> e)
    {
        e.ToTable("business_interests");
        e.HasKey(b => b.Id);
        e.Property(b => b.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(b => b.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(b => b.InterestType).HasMaxLength(ColumnWidth.Code);
        e.Property(b => b.Description).HasMaxLength(2000);
        e.Property(b => b.Decision).HasMaxLength(ColumnWidth.Code);
        e.Property(b => b.RecordedBy).HasMaxLength(256);
        e.Property(b => b.DecisionReasons).HasMaxLength(4000);
        e.Property(b => b.Conditions).HasMaxLength(4000);
        e.Property(b => b.DecidedBy).HasMaxLength(256);
        e.Property(b => b.LastReviewedBy).HasMaxLength(256);
        e.Property(b => b.Version).IsConcurrencyToken();
        e.HasIndex(b => b.StaffId);
    }
}

internal sealed class VettingPostMapping : IEntityTypeConfiguration<VettingPost>
{
    public void Configure(EntityTypeBuilder<VettingPost> e)
    {
        e.ToTable("vetting_posts");
        e.HasKey(p => p.Id);
        e.Property(p => p.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(p => p.UnitId).HasMaxLength(ColumnWidth.Id);
        e.Property(p => p.Title).HasMaxLength(200);
        e.Property(p => p.RequiredLevel).HasMaxLength(ColumnWidth.Code);
        e.Property(p => p.HolderStaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasIndex(p => p.UnitId);
        e.HasIndex(p => p.HolderStaffId);
    }
}

internal sealed class VettingClearanceMapping : IEntityTypeConfiguration<VettingClearance>
{
    public void Configure(EntityTypeBuilder<VettingClearance> e)
    {
        e.ToTable("vetting_clearances");
        e.HasKey(c => c.Id);
        e.Property(c => c.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.Level).HasMaxLength(ColumnWidth.Code);
        e.Property(c => c.Outcome).HasMaxLength(ColumnWidth.Code);
        e.Property(c => c.Note).HasMaxLength(2000);
        e.Property(c => c.RecordedBy).HasMaxLength(256);
        e.HasIndex(c => c.StaffId);
    }
}

internal sealed class RecordPersonMapping : IEntityTypeConfiguration<RecordPerson>
{
    public void Configure(EntityTypeBuilder<RecordPerson> e)
    {
        e.ToTable("persons");
        e.HasKey(p => p.Id);
        e.Property(p => p.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(p => p.Flags).HasMaxLength(200);
    }
}

internal sealed class StaffAssociationMapping : IEntityTypeConfiguration<StaffAssociation>
{
    public void Configure(EntityTypeBuilder<StaffAssociation> e)
    {
        e.ToTable("associations");
        e.Property<long>("Key");
        e.HasKey("Key");
        e.Property(a => a.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.PersonId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.Relation).HasMaxLength(ColumnWidth.Code);
        e.Property(a => a.Source).HasMaxLength(ColumnWidth.Code);
        e.HasIndex(a => new { a.StaffId, a.PersonId, a.Relation, a.FromDate }).IsUnique();
        e.HasIndex(a => a.PersonId);
    }
}

internal sealed class AssignmentMapping : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> e)
    {
        e.ToTable("assignments");
        e.HasKey(a => a.RowKey);
        e.Property(a => a.RowKey).HasMaxLength(64);
        e.Property(a => a.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.ReasonRef).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.RecordType).HasMaxLength(ColumnWidth.Code);
        e.Property(a => a.RecordId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.SubjectPersonId).HasMaxLength(ColumnWidth.Id);
        e.HasIndex(a => a.StaffId);
    }
}

internal sealed class PoliceFamilyMemberMapping : IEntityTypeConfiguration<PoliceFamilyMember>
{
    public void Configure(EntityTypeBuilder<PoliceFamilyMember> e)
    {
        e.ToTable("police_family_members");
        e.HasKey(m => m.StaffId);
        e.Property(m => m.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(m => m.FamilyGroup).HasMaxLength(ColumnWidth.Code);
        e.Property(m => m.Organisation).HasMaxLength(200);
        e.Property(m => m.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class LearningRecommendationMapping : IEntityTypeConfiguration<LearningRecommendation>
{
    public void Configure(EntityTypeBuilder<LearningRecommendation> e)
    {
        e.ToTable("learning_recommendations");
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.Source).HasMaxLength(ColumnWidth.Code);
        e.Property(r => r.SourceReference).HasMaxLength(200);
        e.Property(r => r.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.Recommendation).HasMaxLength(4000);
        e.Property(r => r.Theme).HasMaxLength(ColumnWidth.Code);
        e.Property(r => r.OwnerUnitId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.Action).HasMaxLength(4000);
        e.Property(r => r.ClosureEvidence).HasMaxLength(4000);
        e.Property(r => r.ClosedBy).HasMaxLength(256);
        e.Property(r => r.RecordedBy).HasMaxLength(256);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasIndex(r => new { r.ClosedOn, r.DueOn });
        e.HasIndex(r => r.OwnerUnitId);
    }
}

internal sealed class LearningProgressNoteMapping : IEntityTypeConfiguration<LearningProgressNote>
{
    public void Configure(EntityTypeBuilder<LearningProgressNote> e)
    {
        e.ToTable("learning_progress_notes");
        e.HasKey(n => n.Id);
        e.Property(n => n.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(n => n.RecommendationId).HasMaxLength(ColumnWidth.Id);
        e.Property(n => n.Note).HasMaxLength(4000);
        e.Property(n => n.WrittenBy).HasMaxLength(256);
        e.HasIndex(n => n.RecommendationId);
    }
}

internal sealed class LearningDisseminationMapping : IEntityTypeConfiguration<LearningDissemination>
{
    public void Configure(EntityTypeBuilder<LearningDissemination> e)
    {
        e.ToTable("learning_disseminations");
        e.HasKey(d => d.Id);
        e.Property(d => d.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(d => d.RecommendationId).HasMaxLength(ColumnWidth.Id);
        e.Property(d => d.UnitId).HasMaxLength(ColumnWidth.Id);
        e.Property(d => d.How).HasMaxLength(1000);
        e.Property(d => d.RecordedBy).HasMaxLength(256);
        e.HasIndex(d => d.RecommendationId);
    }
}

internal sealed class RegisterRiskMapping : IEntityTypeConfiguration<RegisterRisk>
{
    public void Configure(EntityTypeBuilder<RegisterRisk> e)
    {
        e.ToTable("register_risks");
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.Level).HasMaxLength(ColumnWidth.Code);
        e.Property(r => r.UnitId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.Title).HasMaxLength(300);
        e.Property(r => r.Owner).HasMaxLength(200);
        e.Property(r => r.Cause).HasMaxLength(4000);
        e.Property(r => r.Effect).HasMaxLength(4000);
        e.Property(r => r.Controls).HasMaxLength(4000);
        e.Property(r => r.Actions).HasMaxLength(4000);
        e.Property(r => r.RecordedBy).HasMaxLength(256);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasIndex(r => new { r.Level, r.UnitId });
    }
}

internal sealed class RegisterRiskEventMapping : IEntityTypeConfiguration<RegisterRiskEvent>
{
    public void Configure(EntityTypeBuilder<RegisterRiskEvent> e)
    {
        e.ToTable("register_risk_events");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(x => x.RiskId).HasMaxLength(ColumnWidth.Id);
        e.Property(x => x.Kind).HasMaxLength(ColumnWidth.Code);
        e.Property(x => x.By).HasMaxLength(256);
        e.Property(x => x.From).HasMaxLength(100);
        e.Property(x => x.To).HasMaxLength(100);
        e.Property(x => x.Note).HasMaxLength(4000);
        e.HasIndex(x => x.RiskId);
    }
}

internal sealed class DipSampleMapping : IEntityTypeConfiguration<DipSample>
{
    public void Configure(EntityTypeBuilder<DipSample> e)
    {
        e.ToTable("dip_samples");
        e.HasKey(s => s.Id);
        e.Property(s => s.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(s => s.DrawnBy).HasMaxLength(256);
        e.HasIndex(s => s.DrawnOn);
    }
}

internal sealed class DipSampleCaseMapping : IEntityTypeConfiguration<DipSampleCase>
{
    public void Configure(EntityTypeBuilder<DipSampleCase> e)
    {
        e.ToTable("dip_sample_cases");
        e.HasKey(c => c.Id);
        e.Property(c => c.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.SampleId).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(c => c.Finding).HasMaxLength(ColumnWidth.Code);
        e.Property(c => c.FindingText).HasMaxLength(4000);
        e.Property(c => c.ReviewedBy).HasMaxLength(256);
        e.Property(c => c.Response).HasMaxLength(4000);
        e.Property(c => c.RespondedBy).HasMaxLength(256);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasIndex(c => new { c.SampleId, c.Position });
        e.HasIndex(c => c.CaseId);
    }
}

internal sealed class ServiceConfidenceRecordMapping : IEntityTypeConfiguration<ServiceConfidenceRecord>
{
    public void Configure(EntityTypeBuilder<ServiceConfidenceRecord> e)
    {
        e.ToTable("service_confidence");
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.DecidedBy).HasMaxLength(200);
        e.Property(r => r.Reasons).HasMaxLength(4000);
        e.Property(r => r.Outcome).HasMaxLength(ColumnWidth.Code);
        e.Property(r => r.RecordedBy).HasMaxLength(256);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasIndex(r => r.StaffId);
        e.HasIndex(r => new { r.ClosedOn, r.NextReviewOn });
    }
}

internal sealed class ServiceConfidenceRestrictionMapping : IEntityTypeConfiguration<ServiceConfidenceRestriction>
{
    public void Configure(EntityTypeBuilder<ServiceConfidenceRestriction> e)
    {
        e.ToTable("service_confidence_restrictions");
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.RecordId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.Kind).HasMaxLength(ColumnWidth.Code);
        e.Property(r => r.Detail).HasMaxLength(2000);
        e.Property(r => r.RecordedBy).HasMaxLength(256);
        e.HasIndex(r => r.RecordId);
    }
}

internal sealed class ServiceConfidenceReviewMapping : IEntityTypeConfiguration<ServiceConfidenceReview>
{
    public void Configure(EntityTypeBuilder<ServiceConfidenceReview> e)
    {
        e.ToTable("service_confidence_reviews");
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.RecordId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.Outcome).HasMaxLength(ColumnWidth.Code);
        e.Property(r => r.Note).HasMaxLength(4000);
        e.Property(r => r.ReviewedBy).HasMaxLength(256);
        e.HasIndex(r => r.RecordId);
    }
}

internal sealed class SupportDeliveryMapping : IEntityTypeConfiguration<SupportDelivery>
{
    public void Configure(EntityTypeBuilder<SupportDelivery> e)
    {
        e.ToTable("support_deliveries");
        e.HasKey(d => d.Id);
        e.Property(d => d.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(d => d.UnitId).HasMaxLength(ColumnWidth.Id);
        e.Property(d => d.Audience).HasMaxLength(500);
        e.Property(d => d.Topics).HasMaxLength(2000);
        e.Property(d => d.Notes).HasMaxLength(4000);
        e.Property(d => d.RecordedBy).HasMaxLength(256);
        e.Property(d => d.Version).IsConcurrencyToken();
        e.HasIndex(d => new { d.UnitId, d.DeliveredOn });
    }
}

internal sealed class GoldGroupMapping : IEntityTypeConfiguration<GoldGroup>
{
    public void Configure(EntityTypeBuilder<GoldGroup> e)
    {
        e.ToTable("gold_groups");
        e.HasKey(g => g.Id);
        e.Property(g => g.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(g => g.Incident).HasMaxLength(300);
        e.Property(g => g.Description).HasMaxLength(4000);
        e.Property(g => g.ChairStaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(g => g.ClosingNote).HasMaxLength(4000);
        e.Property(g => g.RecordedBy).HasMaxLength(256);
        e.Property(g => g.Version).IsConcurrencyToken();
        e.HasIndex(g => g.TriggeredOn);
    }
}

internal sealed class GoldGroupMemberMapping : IEntityTypeConfiguration<GoldGroupMember>
{
    public void Configure(EntityTypeBuilder<GoldGroupMember> e)
    {
        e.ToTable("gold_group_members");
        e.HasKey(m => m.Id);
        e.Property(m => m.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(m => m.GroupId).HasMaxLength(ColumnWidth.Id);
        e.Property(m => m.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(m => m.Name).HasMaxLength(200);
        e.Property(m => m.Organisation).HasMaxLength(200);
        e.Property(m => m.Role).HasMaxLength(200);
        e.Property(m => m.RecordedBy).HasMaxLength(256);
        e.HasIndex(m => m.GroupId);
    }
}

internal sealed class GoldGroupDecisionMapping : IEntityTypeConfiguration<GoldGroupDecision>
{
    public void Configure(EntityTypeBuilder<GoldGroupDecision> e)
    {
        e.ToTable("gold_group_decisions");
        e.HasKey(d => d.Id);
        e.Property(d => d.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(d => d.GroupId).HasMaxLength(ColumnWidth.Id);
        e.Property(d => d.DecidedByStaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(d => d.Decision).HasMaxLength(4000);
        e.Property(d => d.Rationale).HasMaxLength(4000);
        e.Property(d => d.RecordedBy).HasMaxLength(256);
        e.HasIndex(d => d.GroupId);
    }
}

internal sealed class GoldGroupActionMapping : IEntityTypeConfiguration<GoldGroupAction>
{
    public void Configure(EntityTypeBuilder<GoldGroupAction> e)
    {
        e.ToTable("gold_group_actions");
        e.HasKey(a => a.Id);
        e.Property(a => a.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.GroupId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.Action).HasMaxLength(4000);
        e.Property(a => a.OwnerStaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.State).HasMaxLength(ColumnWidth.Code);
        e.Property(a => a.StateNote).HasMaxLength(4000);
        e.Property(a => a.RecordedBy).HasMaxLength(256);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasIndex(a => a.GroupId);
    }
}

internal sealed class GoldGroupMeetingMapping : IEntityTypeConfiguration<GoldGroupMeeting>
{
    public void Configure(EntityTypeBuilder<GoldGroupMeeting> e)
    {
        e.ToTable("gold_group_meetings");
        e.HasKey(m => m.Id);
        e.Property(m => m.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(m => m.GroupId).HasMaxLength(ColumnWidth.Id);
        e.Property(m => m.Minutes).HasMaxLength(20000);
        e.Property(m => m.RecordedBy).HasMaxLength(256);
        e.HasIndex(m => m.GroupId);
    }
}

internal sealed class DirectorateResourceYearMapping : IEntityTypeConfiguration<DirectorateResourceYear>
{
    public void Configure(EntityTypeBuilder<DirectorateResourceYear> e)
    {
        e.ToTable("directorate_resource_years");
        e.HasKey(r => r.Year);
        e.Property(r => r.Year).ValueGeneratedNever();
        e.Ignore(r => r.TotalStaff);
        e.Property(r => r.RecordedBy).HasMaxLength(256);
        e.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class BoroughReturnMapping : IEntityTypeConfiguration<BoroughReturn>
{
    public void Configure(EntityTypeBuilder<BoroughReturn> e)
    {
        e.ToTable("borough_returns");
        e.HasKey(r => r.Id);
        e.Property(r => r.BoroughUnitId).HasMaxLength(ColumnWidth.Id);
        e.HasIndex(r => new { r.BoroughUnitId, r.Year, r.Month }).IsUnique();
        e.Property(r => r.SentBy).HasMaxLength(256);
        e.Property(r => r.SentThrough).HasMaxLength(300);
        e.Property(r => r.Version).IsConcurrencyToken();
    }
}
