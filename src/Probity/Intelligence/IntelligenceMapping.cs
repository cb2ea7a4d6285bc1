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
