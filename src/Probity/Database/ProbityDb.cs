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
internal abstract class ProbityDb(DbContextOptions options, CaseAccessScopeSource scope, AuditSealing sealing) : IdentityDbContext<ProbityUser>(options), IDataProtectionKeyContext
{
    private readonly List<Func<AuditRecord>> _stagedAudit = [];
    // The trail's head after this context's last append, until its transaction ends: the witness moves to it on commit.
    private (long Sequence, string Hash)? _appendedHead;

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
            _appendedHead = await AuditAppender.AppendAsync(this, [.. _stagedAudit.Select(r => r())], sealing, cancellationToken) ?? _appendedHead;
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

    /// <summary>
    /// A point to come back to: what is added and staged after it can be forgotten (<see cref="ForgetSince"/>) without
    /// losing what the caller tracked before it. An intake that retries a save under another id must not drop the
    /// alert or report its caller is converting in the same transaction.
    /// </summary>
    public UnsavedMark MarkUnsaved() =>
        new(ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance), _stagedAudit.Count);

    /// <summary>Forgets the entities added and the audit entries staged since <paramref name="mark"/> (a save that will be retried differently).</summary>
    public void ForgetSince(UnsavedMark mark)
    {
        foreach (var entry in ChangeTracker.Entries().Where(e => e.State == EntityState.Added && !mark.Added.Contains(e.Entity)).ToList())
            entry.State = EntityState.Detached;
        if (_stagedAudit.Count > mark.Staged) _stagedAudit.RemoveRange(mark.Staged, _stagedAudit.Count - mark.Staged);
    }

    internal sealed record UnsavedMark(IReadOnlySet<object> Added, int Staged);

    /// <summary>Reads as the shared analytic view (<see cref="CaseAccessScope.SharedAnalytics"/>) until disposed.</summary>
    public IDisposable ReadAsSharedAnalytics() => scope.Use(CaseAccessScope.SharedAnalytics);

    /// <summary>Synchronous saves would bypass the trail; only the asynchronous path may write audited data.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (_stagedAudit.Count > 0 || FirstUnauditedChange() is not null)
            throw new InvalidOperationException("Save audited changes with SaveChangesAsync.");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// The transaction that appended to the trail has committed (<see cref="TrailHeadOnCommit"/>): the head witness moves
    /// to the entry it wrote. Only after the commit, so the witness never names an entry the database does not hold.
    /// </summary>
    internal void TrailTransactionEnded(bool committed)
    {
        _savepointHeads.Clear();
        if (_appendedHead is not { } head) return;
        _appendedHead = null;
        if (committed) sealing.Witness?.Advance(head.Sequence, head.Hash);
    }

    // The head appended before each open savepoint, innermost last (see TrailHeadOnCommit).
    private readonly Stack<(long Sequence, string Hash)?> _savepointHeads = new();

    internal void TrailSavepointCreated() => _savepointHeads.Push(_appendedHead);

    internal void TrailSavepointEnded(bool rolledBack)
    {
        if (!_savepointHeads.TryPop(out var before)) return;
        if (rolledBack) _appendedHead = before;
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
    private bool OnlyStanding => Scope.OnlyStanding;
    private string? Borough => Scope.Borough;

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
    public DbSet<CaseDocument> CaseDocuments => Set<CaseDocument>();
    public DbSet<CaseReport> CaseReports => Set<CaseReport>();
    public DbSet<CaseLitigation> CaseLitigation => Set<CaseLitigation>();
    public DbSet<LitigationHearing> LitigationHearings => Set<LitigationHearing>();
    public DbSet<CaseLink> CaseLinks => Set<CaseLink>();
    public DbSet<SeverityAssessment> SeverityAssessments => Set<SeverityAssessment>();
    public DbSet<ConductHearing> ConductHearings => Set<ConductHearing>();
    public DbSet<ReflectivePracticeReview> ReflectivePracticeReviews => Set<ReflectivePracticeReview>();
    public DbSet<PopulationCount> Population => Set<PopulationCount>();
    public DbSet<ExposureMonth> Exposure => Set<ExposureMonth>();
    public DbSet<BusinessInterest> BusinessInterests => Set<BusinessInterest>();
    public DbSet<VettingPost> VettingPosts => Set<VettingPost>();
    public DbSet<VettingClearance> VettingClearances => Set<VettingClearance>();
    public DbSet<PoliceFamilyMember> PoliceFamily => Set<PoliceFamilyMember>();
    public DbSet<LearningRecommendation> LearningRecommendations => Set<LearningRecommendation>();
    public DbSet<LearningProgressNote> LearningProgressNotes => Set<LearningProgressNote>();
    public DbSet<LearningDissemination> LearningDisseminations => Set<LearningDissemination>();
    public DbSet<RegisterRisk> RegisterRisks => Set<RegisterRisk>();
    public DbSet<RegisterRiskEvent> RegisterRiskEvents => Set<RegisterRiskEvent>();
    public DbSet<DirectorateResourceYear> DirectorateResourceYears => Set<DirectorateResourceYear>();
    public DbSet<DipSample> DipSamples => Set<DipSample>();
    public DbSet<DipSampleCase> DipSampleCases => Set<DipSampleCase>();
    public DbSet<ServiceConfidenceRecord> ServiceConfidence => Set<ServiceConfidenceRecord>();
    public DbSet<ServiceConfidenceRestriction> ServiceConfidenceRestrictions => Set<ServiceConfidenceRestriction>();
    public DbSet<ServiceConfidenceReview> ServiceConfidenceReviews => Set<ServiceConfidenceReview>();
    public DbSet<SupportDelivery> SupportDeliveries => Set<SupportDelivery>();
    public DbSet<BoroughReturn> BoroughReturns => Set<BoroughReturn>();
    public DbSet<GoldGroup> GoldGroups => Set<GoldGroup>();
    public DbSet<GoldGroupMember> GoldGroupMembers => Set<GoldGroupMember>();
    public DbSet<GoldGroupDecision> GoldGroupDecisions => Set<GoldGroupDecision>();
    public DbSet<GoldGroupAction> GoldGroupActions => Set<GoldGroupAction>();
    public DbSet<GoldGroupMeeting> GoldGroupMeetings => Set<GoldGroupMeeting>();
    public DbSet<RecordPerson> Persons => Set<RecordPerson>();
    public DbSet<StaffAssociation> Associations => Set<StaffAssociation>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Probity.Risk.Contracts.PersonOfConcern> PersonsOfConcern => Set<Probity.Risk.Contracts.PersonOfConcern>();
    public DbSet<Probity.Risk.Contracts.ConcernReview> ConcernReviews => Set<Probity.Risk.Contracts.ConcernReview>();
    public DbSet<Probity.Risk.Contracts.ConcernTactic> ConcernTactics => Set<Probity.Risk.Contracts.ConcernTactic>();
    public DbSet<Probity.Risk.Contracts.ConcernAssociation> ConcernAssociations => Set<Probity.Risk.Contracts.ConcernAssociation>();
    public DbSet<Probity.Risk.Contracts.RiskIntervention> RiskInterventions => Set<Probity.Risk.Contracts.RiskIntervention>();
    public DbSet<Probity.AccessMonitoring.Alerts.MisuseAlert> MisuseAlerts => Set<Probity.AccessMonitoring.Alerts.MisuseAlert>();
    public DbSet<Probity.AccessMonitoring.Alerts.LeakReport> LeakReports => Set<Probity.AccessMonitoring.Alerts.LeakReport>();
    public DbSet<Probity.AccessMonitoring.Alerts.MonitoringSettings> MonitoringSettings => Set<Probity.AccessMonitoring.Alerts.MonitoringSettings>();
    public DbSet<Probity.AccessMonitoring.Alerts.ProbitySample> ProbitySamples => Set<Probity.AccessMonitoring.Alerts.ProbitySample>();
    public DbSet<Probity.AccessMonitoring.Alerts.ProbitySampleItem> ProbitySampleItems => Set<Probity.AccessMonitoring.Alerts.ProbitySampleItem>();
    /// <summary>The data-protection key ring, each key sealed with the master key kept outside the database (KeyRingEncryption).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Need-to-know, in one place: the platform sees everything; everyone else sees an unrestricted case or one
    /// granted to them or their team, and oversight members only once it is finalised. The shared analytic view also
    /// leaves out a case withdrawn as recorded in error (ADR 0025: the same test as <see cref="CaseStatus.Stands"/>). A
    /// borough-scoped reader sees only the cases their borough handles (ADR 0026), restricted ones still only with a grant.
    /// </summary>
    private Expression<Func<Case, bool>> CaseVisible => c => SeesEverything
        || ((!c.Restricted || c.AccessGrants.Any(g => Principals.Contains(g.Principal)))
            && (!OnlyFinalised || c.FinalisedOn != null)
            && (!OnlyStanding || c.RecordedInErrorOn == null)
            && (Borough == null || c.HandlingUnitId == Borough)
            && (OwnStaffId == null || (!Set<AllegationKey>().Any(a => a.CaseId == c.Id && a.StaffId == OwnStaffId)
                && !Set<SanctionKey>().Any(s => s.CaseId == c.Id && s.StaffId == OwnStaffId))));

    /// <summary>The same rule for a case's children (allegations, sanctions ...), through their case.</summary>
    private Expression<Func<T, bool>> Through<T>(Expression<Func<T, Case>> caseOf)
    {
        var visible = CaseVisible;
        return Expression.Lambda<Func<T, bool>>(
            ReplacingExpressionVisitor.Replace(visible.Parameters[0], caseOf.Body, visible.Body), caseOf.Parameters);
    }

    /// <summary>The case's rule, and the record's own (not about the reader).</summary>
    private Expression<Func<T, bool>> ThroughUnlessAbout<T>(Expression<Func<T, Case>> caseOf, Expression<Func<T, bool>> own)
    {
        var through = Through(caseOf);
        var body = ReplacingExpressionVisitor.Replace(own.Parameters[0], through.Parameters[0], own.Body);
        return Expression.Lambda<Func<T, bool>>(Expression.AndAlso(through.Body, body), through.Parameters);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Each module maps its own entities (<Module>Mapping.cs: an IEntityTypeConfiguration per entity). All of them, found
        // in this assembly, so a module adds a table without editing the store; a mapping left out or changed shows up as
        // a non-empty migration.
        builder.ApplyConfigurationsFromAssembly(typeof(ProbityDb).Assembly);

        // The same table as Allegation, without a filter and without a key: only ProbityDb and NeedToKnowBypass read it.
        builder.Entity<AllegationKey>(e =>
        {
            e.HasNoKey();
            e.ToView("allegations");
        });
        // Likewise the sanctions' case and officer: an outcome names its officer even where no allegation does (an import
        // may carry such a row), and that officer must not read it either.
        builder.Entity<SanctionKey>(e =>
        {
            e.HasNoKey();
            e.ToView("sanctions");
        });

        // Need-to-know stays here, not in the modules' mappings: each filter reads this context's scope at query time.
        builder.Entity<Case>().HasQueryFilter(CaseVisible);
        builder.Entity<Allegation>().HasQueryFilter(Through<Allegation>(x => x.Case!));
        builder.Entity<Sanction>().HasQueryFilter(Through<Sanction>(x => x.Case!));
        builder.Entity<Appeal>().HasQueryFilter(Through<Appeal>(x => x.Case!));
        builder.Entity<Complainant>().HasQueryFilter(Through<Complainant>(x => x.Case!));
        builder.Entity<CaseDocument>().HasQueryFilter(Through<CaseDocument>(x => x.Case!));
        builder.Entity<CaseReport>().HasQueryFilter(Through<CaseReport>(x => x.Case!));
        // A severity, hearing or reflective review is about one officer: never shown to that officer, even where the case is
        // (an allegation re-attributed to someone else after their hearing was arranged leaves them no longer its subject).
        builder.Entity<SeverityAssessment>().HasQueryFilter(ThroughUnlessAbout<SeverityAssessment>(x => x.Case!, x => SeesEverything || OwnStaffId == null || x.StaffId != OwnStaffId));
        builder.Entity<ConductHearing>().HasQueryFilter(ThroughUnlessAbout<ConductHearing>(x => x.Case!, x => SeesEverything || OwnStaffId == null || x.StaffId != OwnStaffId));
        builder.Entity<ReflectivePracticeReview>().HasQueryFilter(ThroughUnlessAbout<ReflectivePracticeReview>(x => x.Case!, x => SeesEverything || OwnStaffId == null || x.StaffId != OwnStaffId));
        builder.Entity<CaseLitigation>().HasQueryFilter(Through<CaseLitigation>(x => x.Case!));
        builder.Entity<LitigationHearing>().HasQueryFilter(Through<LitigationHearing>(x => x.Litigation!.Case!));
        // A link between two cases exists only for a reader who may open both.
        builder.Entity<CaseLink>().HasQueryFilter(l => Set<Case>().Any(c => c.Id == l.CaseId) && Set<Case>().Any(c => c.Id == l.RelatedCaseId));

        // Records about a member of staff on a suspicion are never shown to that member of staff (the officer under
        // investigation with an account of their own), whatever their role.
        // A Persons of Concern entry does not exist for the member of staff it is about, nor for one associated with its category
        // (i) person (recorded on the entry, or linked to the person in the access logs' associations); its reviews, tactics
        // and associations follow the entry.
        builder.Entity<Probity.Risk.Contracts.ConcernAssociationKey>(e =>
        {
            e.HasNoKey();
            e.ToView("concern_associations");
        });
        builder.Entity<Probity.Risk.Contracts.PersonOfConcern>().HasQueryFilter(p => SeesEverything || OwnStaffId == null
            || ((p.StaffId == null || p.StaffId != OwnStaffId) && (p.FormerStaffId == null || p.FormerStaffId != OwnStaffId)
                && !Set<Probity.Risk.Contracts.ConcernAssociationKey>().Any(k => k.ConcernId == p.Id && k.StaffId == OwnStaffId)
                && (p.PersonId == null || !Set<StaffAssociation>().Any(a => a.PersonId == p.PersonId && a.StaffId == OwnStaffId))));
        builder.Entity<Probity.Risk.Contracts.ConcernReview>().HasQueryFilter(r => Set<Probity.Risk.Contracts.PersonOfConcern>().Any(p => p.Id == r.ConcernId));
        builder.Entity<Probity.Risk.Contracts.ConcernTactic>().HasQueryFilter(t => Set<Probity.Risk.Contracts.PersonOfConcern>().Any(p => p.Id == t.ConcernId));
        builder.Entity<Probity.Risk.Contracts.ConcernAssociation>().HasQueryFilter(a => Set<Probity.Risk.Contracts.PersonOfConcern>().Any(p => p.Id == a.ConcernId)
            && (SeesEverything || OwnStaffId == null || a.StaffId != OwnStaffId));
        builder.Entity<Probity.Risk.Contracts.RiskIntervention>().HasQueryFilter(i => SeesEverything || OwnStaffId == null || i.SubjectId != OwnStaffId);
        builder.Entity<Probity.AccessMonitoring.Alerts.MisuseAlert>().HasQueryFilter(a => SeesEverything || OwnStaffId == null || a.StaffId != OwnStaffId);
        builder.Entity<Probity.AccessMonitoring.Alerts.ProbitySampleItem>().HasQueryFilter(i => SeesEverything || OwnStaffId == null || i.StaffId != OwnStaffId);
        // The registers: a directorate user never reads their own business interests, clearances or the post they hold.
        builder.Entity<BusinessInterest>().HasQueryFilter(b => SeesEverything || OwnStaffId == null || b.StaffId != OwnStaffId);
        builder.Entity<VettingClearance>().HasQueryFilter(c => SeesEverything || OwnStaffId == null || c.StaffId != OwnStaffId);
        builder.Entity<VettingPost>().HasQueryFilter(p => SeesEverything || OwnStaffId == null || p.HolderStaffId == null || p.HolderStaffId != OwnStaffId);
        // A dip-sampled case exists for a reader only while they may open the case (restricted since, or about themselves:
        // gone); a service confidence record, its restrictions and reviews never exist for the member of staff it is about.
        builder.Entity<DipSampleCase>().HasQueryFilter(d => SeesEverything || Set<Case>().Any(c => c.Id == d.CaseId));
        // A borough's monthly returns exist for a borough-scoped reader only where they are their own borough's (ADR 0026).
        builder.Entity<BoroughReturn>().HasQueryFilter(r => SeesEverything || Borough == null || r.BoroughUnitId == Borough);
        builder.Entity<ServiceConfidenceRecord>().HasQueryFilter(r => SeesEverything || OwnStaffId == null || r.StaffId != OwnStaffId);
        builder.Entity<ServiceConfidenceRestriction>().HasQueryFilter(x => Set<ServiceConfidenceRecord>().Any(r => r.Id == x.RecordId));
        builder.Entity<ServiceConfidenceReview>().HasQueryFilter(x => Set<ServiceConfidenceRecord>().Any(r => r.Id == x.RecordId));
        // The intelligence log: an item linked to the reader's own staff record does not exist for them, and a restricted
        // item exists only for its named readers (ADR intelligence-log). Its sanitised versions and disseminations follow it.
        builder.Entity<Probity.Intelligence.Contracts.IntelligenceItem>().HasQueryFilter(i => SeesEverything
            || ((OwnStaffId == null || !i.Links.Any(l => l.Kind == Probity.Intelligence.Contracts.IntelligenceLinkKinds.Staff && l.Value == OwnStaffId))
                && (!i.Restricted || i.Readers.Any(r => Principals.Contains(r.Principal)))));
        builder.Entity<Probity.Intelligence.Contracts.SanitisedVersion>().HasQueryFilter(v => Set<Probity.Intelligence.Contracts.IntelligenceItem>().Any(i => i.Id == v.ItemId));
        builder.Entity<Probity.Intelligence.Contracts.Dissemination>().HasQueryFilter(d => Set<Probity.Intelligence.Contracts.IntelligenceItem>().Any(i => i.Id == d.ItemId));
        // Tasking (ADR 0020): an operation about the reader does not exist for them, nor do its links, tactics, progress and tests.
        builder.Entity<Probity.Intelligence.Contracts.TaskingOperation>().HasQueryFilter(o => SeesEverything || OwnStaffId == null || o.SubjectStaffId == null || o.SubjectStaffId != OwnStaffId);
        builder.Entity<Probity.Intelligence.Contracts.TaskingLink>().HasQueryFilter(x => Set<Probity.Intelligence.Contracts.TaskingOperation>().Any(o => o.Id == x.OperationId));
        builder.Entity<Probity.Intelligence.Contracts.OperationTactic>().HasQueryFilter(x => Set<Probity.Intelligence.Contracts.TaskingOperation>().Any(o => o.Id == x.OperationId));
        builder.Entity<Probity.Intelligence.Contracts.OperationProgress>().HasQueryFilter(x => Set<Probity.Intelligence.Contracts.TaskingOperation>().Any(o => o.Id == x.OperationId));
        builder.Entity<Probity.Intelligence.Contracts.IntegrityTest>().HasQueryFilter(x => Set<Probity.Intelligence.Contracts.TaskingOperation>().Any(o => o.Id == x.OperationId));
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

/// <summary>A sanction's case and officer, as stored (read only by <see cref="ProbityDb"/>'s need-to-know rule).</summary>
internal sealed class SanctionKey
{
    public required string CaseId { get; init; }
    public required string StaffId { get; init; }
}

/// <summary>SQLite flavour (the embedded default). Exists so SQLite has its own migrations.</summary>
internal sealed class SqliteProbityDb(DbContextOptions<SqliteProbityDb> options, CaseAccessScopeSource scope, AuditSealing sealing) : ProbityDb(options, scope, sealing);

/// <summary>PostgreSQL flavour. Exists so PostgreSQL has its own migrations.</summary>
internal sealed class PostgresProbityDb(DbContextOptions<PostgresProbityDb> options, CaseAccessScopeSource scope, AuditSealing sealing) : ProbityDb(options, scope, sealing);
