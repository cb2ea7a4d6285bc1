using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Probity.AccessMonitoring.Alerts;
using Probity.Database;

namespace Probity.AccessMonitoring;

// How this module's entities are stored (tables, keys, widths, indexes), applied by ProbityDb with
// ApplyConfigurationsFromAssembly. Need-to-know query filters are not here: they read the asking context's scope and stay in ProbityDb.
// The events themselves live in the event store, not here.

internal sealed class MisuseAlertMapping : IEntityTypeConfiguration<MisuseAlert>
{
    public void Configure(EntityTypeBuilder<MisuseAlert> e)
    {
        e.ToTable("misuse_alerts");
        e.HasKey(a => a.Id);
        e.Property(a => a.Id).HasMaxLength(32);
        e.Property(a => a.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.Rule).HasMaxLength(ColumnWidth.Code);
        e.Property(a => a.Key).HasMaxLength(200);
        e.Property(a => a.Explanation).HasMaxLength(4000);
        e.Property(a => a.Status).HasMaxLength(16);
        e.Property(a => a.AssignedTo).HasMaxLength(256);
        e.Property(a => a.DismissReason).HasMaxLength(ColumnWidth.Code);
        e.Property(a => a.Note).HasMaxLength(4000);
        e.Property(a => a.CaseId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.ConcernId).HasMaxLength(ColumnWidth.Id);
        e.Property(a => a.DecidedBy).HasMaxLength(256);
        e.Property(a => a.FirstEventTime).HasConversion(StoredTicks.Ticks);
        e.Property(a => a.LastEventTime).HasConversion(StoredTicks.Ticks);
        e.Property(a => a.DetectedAt).HasConversion(StoredTicks.Ticks);
        e.Property(a => a.DecidedAt).HasConversion(StoredTicks.NullableTicks);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasIndex(a => new { a.Status, a.Score });
        e.HasIndex(a => new { a.StaffId, a.FirstEventTime });
        e.HasIndex(a => new { a.Rule, a.Status });
    }
}

internal sealed class MonitoringSettingsMapping : IEntityTypeConfiguration<MonitoringSettings>
{
    public void Configure(EntityTypeBuilder<MonitoringSettings> e)
    {
        e.ToTable("monitoring_settings");
        e.HasKey(m => m.Id);
        e.Property(m => m.Id).ValueGeneratedNever();
        e.Property(m => m.ChangedBy).HasMaxLength(256);
        e.Property(m => m.ChangedAt).HasConversion(StoredTicks.NullableTicks);
        e.Property(m => m.Version).IsConcurrencyToken();
    }
}

internal sealed class LeakReportMapping : IEntityTypeConfiguration<LeakReport>
{
    public void Configure(EntityTypeBuilder<LeakReport> e)
    {
        e.ToTable("leak_reports");
        e.HasKey(l => l.Id);
        e.Property(l => l.Id).HasMaxLength(ColumnWidth.Id);
        e.Property(l => l.RecordId).HasMaxLength(ColumnWidth.Id);
        e.Property(l => l.SubjectPersonId).HasMaxLength(ColumnWidth.Id);
        e.Property(l => l.Description).HasMaxLength(2000);
        e.Property(l => l.RecordedBy).HasMaxLength(256);
        e.Property(l => l.LeakedAt).HasConversion(StoredTicks.Ticks);
        e.Property(l => l.RecordedAt).HasConversion(StoredTicks.Ticks);
    }
}

internal sealed class ProbitySampleMapping : IEntityTypeConfiguration<ProbitySample>
{
    public void Configure(EntityTypeBuilder<ProbitySample> e)
    {
        e.ToTable("probity_samples");
        e.HasKey(s => s.Id);
        e.Property(s => s.Id).HasMaxLength(32);
        e.Property(s => s.Scope).HasMaxLength(400);
        e.Property(s => s.DrawnBy).HasMaxLength(256);
        e.Property(s => s.DrawnAt).HasConversion(StoredTicks.Ticks);
        e.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.SampleId);
    }
}

internal sealed class ProbitySampleItemMapping : IEntityTypeConfiguration<ProbitySampleItem>
{
    public void Configure(EntityTypeBuilder<ProbitySampleItem> e)
    {
        e.ToTable("probity_sample_items");
        e.HasKey(i => i.Id);
        e.Property(i => i.SampleId).HasMaxLength(32);
        e.Property(i => i.StaffId).HasMaxLength(ColumnWidth.Id);
        e.Property(i => i.System).HasMaxLength(ColumnWidth.Id);
        e.Property(i => i.Action).HasMaxLength(ColumnWidth.Code);
        e.Property(i => i.RecordType).HasMaxLength(ColumnWidth.Code);
        e.Property(i => i.RecordId).HasMaxLength(ColumnWidth.Id);
        e.Property(i => i.SubjectPersonId).HasMaxLength(ColumnWidth.Id);
        e.Property(i => i.ReasonRef).HasMaxLength(ColumnWidth.Id);
        e.Property(i => i.Answer).HasMaxLength(ColumnWidth.Code);
        e.Property(i => i.Supervisor).HasMaxLength(256);
        e.Property(i => i.Note).HasMaxLength(2000);
        e.Property(i => i.AnsweredBy).HasMaxLength(256);
        e.Property(i => i.EventTime).HasConversion(StoredTicks.Ticks);
        e.Property(i => i.AnsweredAt).HasConversion(StoredTicks.NullableTicks);
        e.Property(i => i.Version).IsConcurrencyToken();
        e.HasIndex(i => new { i.SampleId, i.StaffId });
    }
}
