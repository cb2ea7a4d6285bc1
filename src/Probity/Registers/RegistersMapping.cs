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
