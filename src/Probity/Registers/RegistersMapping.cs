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
        e.HasIndex(b => b.StaffId);
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
