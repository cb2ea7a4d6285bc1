using Probity.Workforce.Contracts;
using Probity.Registers.Contracts;
using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using Probity.Kernel;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Probity.AuditTrail;

namespace Probity.Database;

/// <summary>
/// The platform's store. Handlers use it directly (no repositories). Need-to-know is enforced here, by global
/// query filters driven by the <see cref="CaseAccessScope"/> of whoever is asking: a restricted case does not
/// exist for anyone without a grant, not even in counts, and oversight members see finalised cases only.
/// Provider-specific subclasses exist only so each provider keeps its own migrations.
/// </summary>
public abstract class ProbityDb(DbContextOptions options, CaseAccessScopeSource scope, AuditSealing sealing) : IdentityDbContext<ProbityUser>(options), IDataProtectionKeyContext
{
    private readonly List<Func<AuditRecord>> _stagedAudit = [];

    /// <summary>Who is asking, read at query time (see <see cref="CaseAccessScopeSource"/>).</summary>
    public CaseAccessScope Scope => scope.Current;

    /// <summary>
    /// Records a change on the trail. The entry is written by the next <see cref="SaveChangesAsync(bool, CancellationToken)"/>
    /// in the same transaction as the change, so both commit or neither does (see <see cref="AuditTrail.Contracts.Audit.Change(string, string, string?)"/>).
    /// The record is made after the change is written, so it may name keys the database generated.
    /// </summary>
    internal void StageAudit(Func<AuditRecord> record) => _stagedAudit.Add(record);

    /// <summary>
    /// Saves tracked changes and the audit entries staged for them in one transaction (the caller's, if one is open).
    /// A change to case, workforce or register data with no entry staged is refused: nothing can be written unrecorded.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var unaudited = FirstUnauditedChange();
        if (_stagedAudit.Count == 0)
        {
            if (unaudited is not null)
                throw new InvalidOperationException($"A change to {unaudited} was about to be saved without an audit entry. Call Audit.Change before saving.");
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var own = Database.CurrentTransaction is null;
        var transaction = own ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // The trail's lock first, then the change: every writer takes locks in this order, so none waits on another in a cycle.
            await AuditAppender.LockAsync(this, cancellationToken);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            await AuditAppender.AppendAsync(this, [.. _stagedAudit.Select(r => r())], sealing.Chain, sealing.Time.GetUtcNow(), cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
            _stagedAudit.Clear();
            if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
            return saved;
        }
        catch
        {
            // Nothing was committed and the tracker still holds the changes and the staged records, so a retried save
            // writes both again.
            if (transaction is not null) await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
        }
    }

    /// <summary>Drops tracked changes and the audit entries staged for them (a save that will be retried differently).</summary>
    public void ForgetUnsavedChanges()
    {
        ChangeTracker.Clear();
        _stagedAudit.Clear();
    }

    /// <summary>Reads as the shared analytic view (<see cref="CaseAccessScope.SharedAnalytics"/>) until disposed.</summary>
    public IDisposable ReadAsSharedAnalytics() => scope.Use(CaseAccessScope.SharedAnalytics);

    /// <summary>Synchronous saves would bypass the trail; only the asynchronous path may write audited data.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (_stagedAudit.Count > 0 || FirstUnauditedChange() is not null)
            throw new InvalidOperationException("Save audited changes with SaveChangesAsync.");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>Takes the trail's lock inside the open transaction before bulk writes, keeping the lock order of <see cref="SaveChangesAsync(bool, CancellationToken)"/>.</summary>
    public Task LockAuditTrailAsync(CancellationToken ct) => AuditAppender.LockAsync(this, ct);

    // Identity's own tables (sign-in counters, security stamps) and the data-protection key ring are written by the
    // framework; the actions behind them (sign-in, user administration) are recorded by their pages.
    private string? FirstUnauditedChange()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Metadata.ClrType;
            if (entry.Entity is AuditEntry or AuditHead or ProbityUser) continue;
            if (type.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true) continue;
            return entry.Metadata.GetTableName() ?? type.Name;
        }
        return null;
    }

    /// <summary>
    /// Saves an edit made under optimistic concurrency: when someone else saved the same record first, the person is
    /// told so in <paramref name="conflict"/> (an <see cref="Kernel.EditConflictException"/>) instead of overwriting them.
    /// </summary>
    public async Task SaveChangesOrConflictAsync(string conflict, CancellationToken ct)
    {
        try
        {
            await SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new Kernel.EditConflictException(conflict);
        }
    }

    // Filters read these per query (EF parameterises context members), so one model serves every user.
    private bool SeesEverything => Scope.SeesEverything;
    private bool OnlyFinalised => Scope.OnlyFinalised;
    private string[] Principals => Scope.Principals;
    private string? OwnStaffId => Scope.OwnStaffId;

    /// <summary>
    /// The allegations table read without need-to-know, for the two places that must not re-apply it per row: inside the
    /// case filter itself (who the subjects are), and as the inner set of a filter whose outer query is the filtered
    /// cases (search by officer or category). It never leaves the store on its own: nothing outside <see cref="ProbityDb"/>
    /// and <see cref="NeedToKnowBypass"/> can read it.
    /// </summary>
    internal IQueryable<AllegationKey> AllegationKeys => Set<AllegationKey>();

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<Posting> Postings => Set<Posting>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<Allegation> Allegations => Set<Allegation>();
    public DbSet<Sanction> Sanctions => Set<Sanction>();
    public DbSet<Appeal> Appeals => Set<Appeal>();
    public DbSet<Complainant> Complainants => Set<Complainant>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<CaseAccessGrant> CaseAccessGrants => Set<CaseAccessGrant>();
    public DbSet<PopulationCount> Population => Set<PopulationCount>();
    public DbSet<ExposureMonth> Exposure => Set<ExposureMonth>();
    public DbSet<BusinessInterest> BusinessInterests => Set<BusinessInterest>();
    public DbSet<RecordPerson> Persons => Set<RecordPerson>();
    public DbSet<StaffAssociation> Associations => Set<StaffAssociation>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Probity.Risk.Contracts.PersonOfConcern> PersonsOfConcern => Set<Probity.Risk.Contracts.PersonOfConcern>();
    public DbSet<Probity.Risk.Contracts.RiskIntervention> RiskInterventions => Set<Probity.Risk.Contracts.RiskIntervention>();
    public DbSet<Probity.AccessMonitoring.Alerts.MisuseAlert> MisuseAlerts => Set<Probity.AccessMonitoring.Alerts.MisuseAlert>();
    public DbSet<Probity.AccessMonitoring.Alerts.LeakReport> LeakReports => Set<Probity.AccessMonitoring.Alerts.LeakReport>();
    public DbSet<Probity.AccessMonitoring.Alerts.ProbitySample> ProbitySamples => Set<Probity.AccessMonitoring.Alerts.ProbitySample>();
    public DbSet<Probity.AccessMonitoring.Alerts.ProbitySampleItem> ProbitySampleItems => Set<Probity.AccessMonitoring.Alerts.ProbitySampleItem>();
    /// <summary>The data-protection key ring, each key sealed with the master key kept outside the database (KeyRingEncryption).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Need-to-know, in one place: the platform sees everything; everyone else sees an unrestricted case or one
    /// granted to them or their team, and oversight members only once it is finalised.
    /// </summary>
    private Expression<Func<Case, bool>> CaseVisible => c => SeesEverything
        || ((!c.Restricted || c.AccessGrants.Any(g => Principals.Contains(g.Principal)))
            && (!OnlyFinalised || c.FinalisedOn != null)
            && (OwnStaffId == null || !Set<AllegationKey>().Any(a => a.CaseId == c.Id && a.StaffId == OwnStaffId)));

    /// <summary>The same rule for a case's children (allegations, sanctions ...), through their case.</summary>
    private Expression<Func<T, bool>> Through<T>(Expression<Func<T, Case>> caseOf)
    {
        var visible = CaseVisible;
        return Expression.Lambda<Func<T, bool>>(
            ReplacingExpressionVisitor.Replace(visible.Parameters[0], caseOf.Body, visible.Body), caseOf.Parameters);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        const int id = 64, code = 48;

        builder.Entity<ProbityUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.Team).HasMaxLength(code);
            e.Property(u => u.StaffId).HasMaxLength(id);
        });

        builder.Entity<Unit>(e =>
        {
            e.ToTable("units");
            e.HasKey(u => u.Id);
            e.Property(u => u.Id).HasMaxLength(id);
            e.Property(u => u.Name).HasMaxLength(200);
            e.Property(u => u.Kind).HasMaxLength(code);
            e.Property(u => u.ParentUnitId).HasMaxLength(id);
            e.HasIndex(u => u.ParentUnitId);
        });

        builder.Entity<StaffMember>(e =>
        {
            e.ToTable("staff");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(id);
            e.Property(s => s.DisplayName).HasMaxLength(200);
            e.Property(s => s.StaffType).HasMaxLength(code);
            e.Property(s => s.Rank).HasMaxLength(code);
            e.Property(s => s.UnitId).HasMaxLength(id);
            e.Property(s => s.Gender).HasMaxLength(code);
            e.Property(s => s.Ethnicity).HasMaxLength(code);
            e.Property(s => s.VettingLevel).HasMaxLength(code);
            e.HasIndex(s => s.UnitId);
            e.HasIndex(s => s.DisplayName);
        });

        builder.Entity<Posting>(e =>
        {
            e.ToTable("postings");
            e.HasKey(p => new { p.StaffId, p.UnitId, p.FromDate });
            e.Property(p => p.StaffId).HasMaxLength(id);
            e.Property(p => p.UnitId).HasMaxLength(id);
        });

        builder.Entity<Case>(e =>
        {
            e.ToTable("cases");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(id);
            e.Property(c => c.CaseType).HasMaxLength(code);
            e.Property(c => c.Regime).HasMaxLength(8);
            e.Property(c => c.Source).HasMaxLength(code);
            e.Property(c => c.LocationUnitId).HasMaxLength(id);
            e.Property(c => c.HandlingUnitId).HasMaxLength(id);
            e.Property(c => c.HandlingRoute).HasMaxLength(code);
            e.Property(c => c.Summary).HasMaxLength(4000);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.ReceivedOn);
            e.HasIndex(c => new { c.HandlingUnitId, c.ReceivedOn });
            e.HasIndex(c => new { c.LocationUnitId, c.ReceivedOn });
            e.HasIndex(c => new { c.FinalisedOn, c.ReceivedOn });
            e.HasMany(c => c.Allegations).WithOne(a => a.Case).HasForeignKey(a => a.CaseId);
            e.HasMany(c => c.Sanctions).WithOne(s => s.Case).HasForeignKey(s => s.CaseId);
            e.HasMany(c => c.Appeals).WithOne(a => a.Case).HasForeignKey(a => a.CaseId);
            e.HasMany(c => c.Complainants).WithOne(a => a.Case).HasForeignKey(a => a.CaseId);
            e.HasMany(c => c.Timeline).WithOne().HasForeignKey(t => t.CaseId);
            e.HasMany(c => c.AccessGrants).WithOne().HasForeignKey(g => g.CaseId);
            e.HasQueryFilter(CaseVisible);
        });

        builder.Entity<Allegation>(e =>
        {
            e.ToTable("allegations");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasMaxLength(id);
            e.Property(a => a.CaseId).HasMaxLength(id);
            e.Property(a => a.StaffId).HasMaxLength(id);
            e.Property(a => a.Category).HasMaxLength(code);
            e.Property(a => a.Finding).HasMaxLength(code);
            e.HasIndex(a => a.CaseId);
            e.HasIndex(a => new { a.StaffId, a.CaseId });
            e.HasIndex(a => new { a.Category, a.CaseId });
            e.HasQueryFilter(Through<Allegation>(x => x.Case!));
        });

        // The same table as Allegation, without a filter and without a key: only ProbityDb and NeedToKnowBypass read it.
        builder.Entity<AllegationKey>(e =>
        {
            e.HasNoKey();
            e.ToView("allegations");
        });

        builder.Entity<Sanction>(e =>
        {
            e.ToTable("sanctions");
            e.HasKey(s => new { s.CaseId, s.StaffId, s.Outcome });
            e.Property(s => s.CaseId).HasMaxLength(id);
            e.Property(s => s.StaffId).HasMaxLength(id);
            e.Property(s => s.Outcome).HasMaxLength(code);
            e.HasIndex(s => s.StaffId);
            e.HasQueryFilter(Through<Sanction>(x => x.Case!));
        });

        builder.Entity<Appeal>(e =>
        {
            e.ToTable("appeals");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasMaxLength(id);
            e.Property(a => a.CaseId).HasMaxLength(id);
            e.Property(a => a.AppealType).HasMaxLength(code);
            e.HasIndex(a => a.CaseId);
            e.HasQueryFilter(Through<Appeal>(x => x.Case!));
        });

        builder.Entity<Complainant>(e =>
        {
            e.ToTable("complainants");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(id);
            e.Property(c => c.CaseId).HasMaxLength(id);
            e.Property(c => c.Gender).HasMaxLength(code);
            e.Property(c => c.Ethnicity).HasMaxLength(code);
            e.Property(c => c.AgeBand).HasMaxLength(code);
            e.Property(c => c.HomeUnitId).HasMaxLength(id);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Contact).HasMaxLength(400);
            e.HasIndex(c => c.CaseId);
            e.HasQueryFilter(Through<Complainant>(x => x.Case!));
        });

        builder.Entity<CaseEvent>(e =>
        {
            e.ToTable("case_events");
            e.HasKey(t => t.Id);
            e.Property(t => t.CaseId).HasMaxLength(id);
            e.Property(t => t.Actor).HasMaxLength(256);
            e.Property(t => t.Kind).HasMaxLength(code);
            e.Property(t => t.Detail).HasMaxLength(2000);
            e.Property(t => t.Reason).HasMaxLength(2000);
            e.HasIndex(t => t.CaseId);
        });

        builder.Entity<CaseAccessGrant>(e =>
        {
            e.ToTable("case_access_grants");
            e.HasKey(g => new { g.CaseId, g.Principal });
            e.Property(g => g.CaseId).HasMaxLength(id);
            e.Property(g => g.Principal).HasMaxLength(256);
            e.Property(g => g.GrantedBy).HasMaxLength(256);
        });

        builder.Entity<PopulationCount>(e =>
        {
            e.ToTable("population");
            e.HasKey(p => new { p.UnitId, p.Ethnicity, p.Gender, p.AgeBand });
            e.Property(p => p.UnitId).HasMaxLength(id);
            e.Property(p => p.Ethnicity).HasMaxLength(code);
            e.Property(p => p.Gender).HasMaxLength(code);
            e.Property(p => p.AgeBand).HasMaxLength(code);
        });

        builder.Entity<ExposureMonth>(e =>
        {
            e.ToTable("exposure");
            e.HasKey(x => new { x.StaffId, x.Month });
            e.Property(x => x.StaffId).HasMaxLength(id);
            e.Property(x => x.Month).HasMaxLength(7);
            e.Property(x => x.HoursOnDuty).HasPrecision(9, 2);
        });

        builder.Entity<BusinessInterest>(e =>
        {
            e.ToTable("business_interests");
            e.HasKey(b => b.Id);
            e.Property(b => b.Id).HasMaxLength(id);
            e.Property(b => b.StaffId).HasMaxLength(id);
            e.Property(b => b.InterestType).HasMaxLength(code);
            e.Property(b => b.Description).HasMaxLength(2000);
            e.Property(b => b.Decision).HasMaxLength(code);
            e.HasIndex(b => b.StaffId);
        });

        builder.Entity<RecordPerson>(e =>
        {
            e.ToTable("persons");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(id);
            e.Property(p => p.Flags).HasMaxLength(200);
        });

        builder.Entity<StaffAssociation>(e =>
        {
            e.ToTable("associations");
            e.Property<long>("Key");
            e.HasKey("Key");
            e.Property(a => a.StaffId).HasMaxLength(id);
            e.Property(a => a.PersonId).HasMaxLength(id);
            e.Property(a => a.Relation).HasMaxLength(code);
            e.Property(a => a.Source).HasMaxLength(code);
            e.HasIndex(a => new { a.StaffId, a.PersonId, a.Relation, a.FromDate }).IsUnique();
            e.HasIndex(a => a.PersonId);
        });

        builder.Entity<Assignment>(e =>
        {
            e.ToTable("assignments");
            e.HasKey(a => a.RowKey);
            e.Property(a => a.RowKey).HasMaxLength(64);
            e.Property(a => a.StaffId).HasMaxLength(id);
            e.Property(a => a.ReasonRef).HasMaxLength(id);
            e.Property(a => a.RecordType).HasMaxLength(code);
            e.Property(a => a.RecordId).HasMaxLength(id);
            e.Property(a => a.SubjectPersonId).HasMaxLength(id);
            e.HasIndex(a => a.StaffId);
        });

        builder.Entity<Probity.Risk.Contracts.PersonOfConcern>(e =>
        {
            e.ToTable("persons_of_concern");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(id);
            e.Property(p => p.Category).HasMaxLength(4);
            e.Property(p => p.StaffId).HasMaxLength(id);
            e.Property(p => p.PersonDescription).HasMaxLength(400);
            e.Property(p => p.Rationale).HasMaxLength(4000);
            e.Property(p => p.RecordedBy).HasMaxLength(256);
            e.Property(p => p.ClosedReason).HasMaxLength(2000);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasIndex(p => p.StaffId);
            e.HasIndex(p => p.ReviewOn);
        });

        builder.Entity<Probity.Risk.Contracts.RiskIntervention>(e =>
        {
            e.ToTable("risk_interventions");
            e.HasKey(i => i.Id);
            e.Property(i => i.Subject).HasMaxLength(16);
            e.Property(i => i.SubjectId).HasMaxLength(id);
            e.Property(i => i.RuleId).HasMaxLength(code);
            e.Property(i => i.Decision).HasMaxLength(code);
            e.Property(i => i.Notes).HasMaxLength(4000);
            e.Property(i => i.DecidedBy).HasMaxLength(256);
            e.Property(i => i.Outcome).HasMaxLength(code);
            e.HasIndex(i => new { i.Subject, i.SubjectId });
            e.HasIndex(i => i.FollowUpOn);
        });

        Probity.AccessMonitoring.Alerts.MonitoringModel.Configure(builder, id, code);

        // Records about a member of staff on a suspicion are never shown to that member of staff (the officer under
        // investigation with an account of their own), whatever their role.
        builder.Entity<Probity.Risk.Contracts.PersonOfConcern>().HasQueryFilter(p => SeesEverything || OwnStaffId == null || p.StaffId == null || p.StaffId != OwnStaffId);
        builder.Entity<Probity.Risk.Contracts.RiskIntervention>().HasQueryFilter(i => SeesEverything || OwnStaffId == null || i.SubjectId != OwnStaffId);
        builder.Entity<Probity.AccessMonitoring.Alerts.MisuseAlert>().HasQueryFilter(a => SeesEverything || OwnStaffId == null || a.StaffId != OwnStaffId);
        builder.Entity<Probity.AccessMonitoring.Alerts.ProbitySampleItem>().HasQueryFilter(i => SeesEverything || OwnStaffId == null || i.StaffId != OwnStaffId);

        builder.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("data_protection_keys");
            e.Property(k => k.FriendlyName).HasMaxLength(100);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_trail");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(code);
            e.Property(a => a.Target).HasMaxLength(400);
            e.Property(a => a.Detail).HasMaxLength(4000);
            e.Property(a => a.Client).HasMaxLength(100);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => new { a.Target, a.Sequence });
            e.HasIndex(a => new { a.Actor, a.Sequence });
        });

        builder.Entity<AuditHead>(e =>
        {
            e.ToTable("audit_head");
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.Hash).HasMaxLength(64);
        });
    }
}

/// <summary>An allegation's case, subject and category, as stored (see <see cref="ProbityDb.AllegationKeys"/>).</summary>
internal sealed class AllegationKey
{
    public required string Id { get; init; }
    public required string CaseId { get; init; }
    public string? StaffId { get; init; }
    public required string Category { get; init; }
}

/// <summary>SQLite flavour (the embedded default). Exists so SQLite has its own migrations.</summary>
public sealed class SqliteProbityDb(DbContextOptions<SqliteProbityDb> options, CaseAccessScopeSource scope, AuditSealing sealing) : ProbityDb(options, scope, sealing);

/// <summary>PostgreSQL flavour. Exists so PostgreSQL has its own migrations.</summary>
public sealed class PostgresProbityDb(DbContextOptions<PostgresProbityDb> options, CaseAccessScopeSource scope, AuditSealing sealing) : ProbityDb(options, scope, sealing);
