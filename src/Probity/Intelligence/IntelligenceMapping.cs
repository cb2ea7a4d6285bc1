using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probity.Database;
using Probity.Intelligence.Contracts;

namespace Probity.Intelligence;

// How this module's entities are stored, applied by ProbityDb with ApplyConfigurationsFromAssembly.
// No column holds a moment finer than a day, an address, a browser or an account of a reporter (ADR right-line-anonymity).

internal sealed class RightLineReportMapping : IEntityTypeConfiguration<RightLineReport>
{
    public void Configure(EntityTypeBuilder<RightLineReport> e)
    {
        e.ToTable("right_line_reports");
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.PassphraseHash).HasMaxLength(200);
        e.Property(r => r.Account).HasMaxLength(RightLineLimits.Text);
        e.Property(r => r.Assessment).HasMaxLength(ColumnWidth.Code);
        e.Property(r => r.AssessedBy).HasMaxLength(256);
        e.Property(r => r.AssessmentNote).HasMaxLength(RightLineLimits.Note);
        e.Property(r => r.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.ReportId);
        e.HasIndex(r => r.ReceivedOn);
    }
}

internal sealed class RightLineMessageMapping : IEntityTypeConfiguration<RightLineMessage>
{
    public void Configure(EntityTypeBuilder<RightLineMessage> e)
    {
        e.ToTable("right_line_messages");
        e.HasKey(m => m.Id);
        e.Property(m => m.Id).ValueGeneratedNever();
        e.Property(m => m.ReportId).HasMaxLength(ColumnWidth.Id);
        e.Property(m => m.Author).HasMaxLength(256);
        e.Property(m => m.Text).HasMaxLength(RightLineLimits.Text);
        e.HasIndex(m => new { m.ReportId, m.Number }).IsUnique();
    }
}

internal sealed class IntelligenceItemMapping : IEntityTypeConfiguration<IntelligenceItem>
{
    public void Configure(EntityTypeBuilder<IntelligenceItem> e)
    {
        e.ToTable("intelligence_items");
        e.HasKey(i => i.Id);
        e.Property(i => i.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(i => i.SourceType).HasMaxLength(ColumnWidth.Code);
        e.Property(i => i.Scheme).HasMaxLength(16);
        e.Property(i => i.SourceGrade).HasMaxLength(8);
        e.Property(i => i.IntelligenceGrade).HasMaxLength(8);
        e.Property(i => i.HandlingCode).HasMaxLength(8);
        e.Property(i => i.HandlingConditions).HasMaxLength(IntelligenceLimits.Conditions);
        e.Property(i => i.Text).HasMaxLength(IntelligenceLimits.Text);
        e.Property(i => i.RecordedBy).HasMaxLength(256);
        e.Property(i => i.ReviewedBy).HasMaxLength(256);
        e.Property(i => i.ReviewNote).HasMaxLength(IntelligenceLimits.Note);
        e.Property(i => i.FromRightLine).HasMaxLength(ColumnWidth.Id);
        e.Property(i => i.FromAlert).HasMaxLength(ColumnWidth.Id);
        e.Property(i => i.RecordedAt).HasConversion(StoredTicks.Ticks);
        e.Property(i => i.ReviewedAt).HasConversion(StoredTicks.NullableTicks);
        e.Property(i => i.Version).IsConcurrencyToken();
        e.HasMany(i => i.Links).WithOne().HasForeignKey(l => l.ItemId);
        e.HasMany(i => i.Readers).WithOne().HasForeignKey(r => r.ItemId);
        e.HasMany(i => i.Sanitised).WithOne().HasForeignKey(v => v.ItemId);
        e.HasMany(i => i.Disseminations).WithOne().HasForeignKey(d => d.ItemId);
        e.HasIndex(i => i.ReviewedAt);
        e.HasIndex(i => i.FromAlert);
        e.HasIndex(i => i.FromRightLine);
    }
}

internal sealed class IntelligenceLinkMapping : IEntityTypeConfiguration<IntelligenceLink>
{
    public void Configure(EntityTypeBuilder<IntelligenceLink> e)
    {
        e.ToTable("intelligence_links");
        e.HasKey(l => l.Id);
        e.Property(l => l.Id).ValueGeneratedNever();
        e.Property(l => l.ItemId).HasMaxLength(ColumnWidth.Id);
        e.Property(l => l.Kind).HasMaxLength(16);
        e.Property(l => l.Value).HasMaxLength(ColumnWidth.Id);
        e.HasIndex(l => new { l.ItemId, l.Kind, l.Value }).IsUnique();
        e.HasIndex(l => new { l.Kind, l.Value });
    }
}

internal sealed class IntelligenceReaderMapping : IEntityTypeConfiguration<IntelligenceReader>
{
    public void Configure(EntityTypeBuilder<IntelligenceReader> e)
    {
        e.ToTable("intelligence_readers");
        e.HasKey(r => new { r.ItemId, r.Principal });
        e.Property(r => r.ItemId).HasMaxLength(ColumnWidth.Id);
        e.Property(r => r.Principal).HasMaxLength(256);
    }
}

internal sealed class SanitisedVersionMapping : IEntityTypeConfiguration<SanitisedVersion>
{
    public void Configure(EntityTypeBuilder<SanitisedVersion> e)
    {
        e.ToTable("intelligence_sanitised");
        e.HasKey(v => v.Id);
        e.Property(v => v.Id).ValueGeneratedNever();
        e.Property(v => v.ItemId).HasMaxLength(ColumnWidth.Id);
        e.Property(v => v.Text).HasMaxLength(IntelligenceLimits.Text);
        e.Property(v => v.WrittenBy).HasMaxLength(256);
        e.Property(v => v.WrittenAt).HasConversion(StoredTicks.Ticks);
        e.HasIndex(v => new { v.ItemId, v.Number }).IsUnique();
    }
}

internal sealed class DisseminationMapping : IEntityTypeConfiguration<Dissemination>
{
    public void Configure(EntityTypeBuilder<Dissemination> e)
    {
        e.ToTable("intelligence_disseminations");
        e.HasKey(d => d.Id);
        e.Property(d => d.Id).ValueGeneratedNever();
        e.Property(d => d.ItemId).HasMaxLength(ColumnWidth.Id);
        e.Property(d => d.Recipient).HasMaxLength(IntelligenceLimits.Recipient);
        e.Property(d => d.Reason).HasMaxLength(IntelligenceLimits.Note);
        e.Property(d => d.Conditions).HasMaxLength(IntelligenceLimits.Conditions);
        e.Property(d => d.DisseminatedBy).HasMaxLength(256);
        e.Property(d => d.DisseminatedAt).HasConversion(StoredTicks.Ticks);
        e.HasIndex(d => d.ItemId);
    }
}

internal sealed class ControlActivityMapping : IEntityTypeConfiguration<ControlActivity>
{
    public void Configure(EntityTypeBuilder<ControlActivity> e)
    {
        e.ToTable("control_activities");
        e.HasKey(a => a.Id);
        e.Property(a => a.Id).ValueGeneratedNever();
        e.Property(a => a.Priority).HasMaxLength(ColumnWidth.Code);
        e.Property(a => a.Kind).HasMaxLength(16);
        e.Property(a => a.Description).HasMaxLength(IntelligenceLimits.Note);
        e.Property(a => a.OwnerStaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.State).HasMaxLength(16);
        e.Property(a => a.ChangedBy).HasMaxLength(256);
        e.Property(a => a.ChangedAt).HasConversion(StoredTicks.Ticks);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasMany(a => a.Progress).WithOne().HasForeignKey(n => n.ActivityId);
        e.HasIndex(a => a.Priority);
    }
}

internal sealed class ControlProgressNoteMapping : IEntityTypeConfiguration<ControlProgressNote>
{
    public void Configure(EntityTypeBuilder<ControlProgressNote> e)
    {
        e.ToTable("control_progress_notes");
        e.HasKey(n => n.Id);
        e.Property(n => n.Id).ValueGeneratedNever();
        e.Property(n => n.Text).HasMaxLength(IntelligenceLimits.Note);
        e.Property(n => n.WrittenBy).HasMaxLength(256);
        e.Property(n => n.WrittenAt).HasConversion(StoredTicks.Ticks);
        e.HasIndex(n => n.ActivityId);
    }
}

internal sealed class StrategicAssessmentMapping : IEntityTypeConfiguration<StrategicAssessment>
{
    public void Configure(EntityTypeBuilder<StrategicAssessment> e)
    {
        e.ToTable("strategic_assessments");
        e.HasKey(a => a.Id);
        e.Property(a => a.Id).ValueGeneratedNever();
        e.Property(a => a.Kind).HasMaxLength(16);
        e.Property(a => a.Note).HasMaxLength(IntelligenceLimits.Note);
        e.Property(a => a.RecordedBy).HasMaxLength(256);
        e.Property(a => a.RecordedAt).HasConversion(StoredTicks.Ticks);
        e.HasIndex(a => a.AssessedOn);
    }
}

internal sealed class TaskingOperationMapping : IEntityTypeConfiguration<TaskingOperation>
{
    public void Configure(EntityTypeBuilder<TaskingOperation> e)
    {
        e.ToTable("tasking_operations");
        e.HasKey(o => o.Id);
        e.Property(o => o.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(o => o.Name).HasMaxLength(Tasking.TaskingLimits.Name);
        e.Property(o => o.Objective).HasMaxLength(IntelligenceLimits.Note);
        e.Property(o => o.SubjectStaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(o => o.Priority).HasMaxLength(ColumnWidth.Code);
        e.Property(o => o.OpenedBy).HasMaxLength(256);
        e.Property(o => o.NextAction).HasMaxLength(IntelligenceLimits.Note);
        e.Property(o => o.ClosedBy).HasMaxLength(256);
        e.Property(o => o.Result).HasMaxLength(IntelligenceLimits.Note);
        e.Property(o => o.Version).IsConcurrencyToken();
        e.HasMany(o => o.Links).WithOne().HasForeignKey(l => l.OperationId);
        e.HasMany(o => o.Tactics).WithOne().HasForeignKey(t => t.OperationId);
        e.HasMany(o => o.Progress).WithOne().HasForeignKey(p => p.OperationId);
        e.HasMany(o => o.Tests).WithOne().HasForeignKey(t => t.OperationId);
        e.HasIndex(o => o.SubjectStaffId);
        e.HasIndex(o => o.ClosedOn);
    }
}

internal sealed class TaskingLinkMapping : IEntityTypeConfiguration<TaskingLink>
{
    public void Configure(EntityTypeBuilder<TaskingLink> e)
    {
        e.ToTable("tasking_links");
        e.HasKey(l => l.Id);
        e.Property(l => l.Id).ValueGeneratedNever();
        e.Property(l => l.OperationId).HasMaxLength(ColumnWidth.Id);
        e.Property(l => l.Kind).HasMaxLength(16);
        e.Property(l => l.Value).HasMaxLength(ColumnWidth.Id);
        e.HasIndex(l => new { l.OperationId, l.Kind, l.Value }).IsUnique();
    }
}

internal sealed class OperationTacticMapping : IEntityTypeConfiguration<OperationTactic>
{
    public void Configure(EntityTypeBuilder<OperationTactic> e)
    {
        e.ToTable("tasking_tactics");
        e.HasKey(t => t.Id);
        e.Property(t => t.Id).ValueGeneratedNever();
        e.Property(t => t.OperationId).HasMaxLength(ColumnWidth.Id);
        e.Property(t => t.Option).HasMaxLength(ColumnWidth.Code);
        e.Property(t => t.Reason).HasMaxLength(IntelligenceLimits.Note);
        e.Property(t => t.RequestedBy).HasMaxLength(256);
        e.Property(t => t.AuthorisedBy).HasMaxLength(256);
        e.Property(t => t.AuthorisedAt).HasConversion(StoredTicks.NullableTicks);
        e.HasIndex(t => t.OperationId);
    }
}

internal sealed class OperationProgressMapping : IEntityTypeConfiguration<OperationProgress>
{
    public void Configure(EntityTypeBuilder<OperationProgress> e)
    {
        e.ToTable("tasking_progress");
        e.HasKey(p => p.Id);
        e.Property(p => p.Id).ValueGeneratedNever();
        e.Property(p => p.OperationId).HasMaxLength(ColumnWidth.Id);
        e.Property(p => p.Text).HasMaxLength(IntelligenceLimits.Note);
        e.Property(p => p.WrittenBy).HasMaxLength(256);
        e.Property(p => p.WrittenAt).HasConversion(StoredTicks.Ticks);
        e.HasIndex(p => p.OperationId);
    }
}

internal sealed class IntegrityTestMapping : IEntityTypeConfiguration<IntegrityTest>
{
    public void Configure(EntityTypeBuilder<IntegrityTest> e)
    {
        e.ToTable("integrity_tests");
        e.HasKey(t => t.Id);
        e.Property(t => t.Id).ValueGeneratedNever();
        e.Property(t => t.OperationId).HasMaxLength(ColumnWidth.Id);
        e.Property(t => t.Scenario).HasMaxLength(IntelligenceLimits.Note);
        e.Property(t => t.PlannedBy).HasMaxLength(256);
        e.Property(t => t.AuthorisedBy).HasMaxLength(256);
        e.Property(t => t.AuthorisedAt).HasConversion(StoredTicks.NullableTicks);
        e.Property(t => t.ConductedBy).HasMaxLength(256);
        e.Property(t => t.Result).HasMaxLength(16);
        e.Property(t => t.FollowUp).HasMaxLength(ColumnWidth.Code);
        e.Property(t => t.FollowUpCaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(t => t.FollowUpNote).HasMaxLength(IntelligenceLimits.Note);
        e.HasIndex(t => t.OperationId);
    }
}
