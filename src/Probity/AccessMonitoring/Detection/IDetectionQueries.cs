using Probity.AccessMonitoring.EventStore;

namespace Probity.AccessMonitoring.Detection;

/// <summary>
/// What detection asks of an event store. <see cref="MisuseDetection"/> decides what to measure, in which order and
/// with which thresholds; the store decides how, as queries inside its engine where the volume needs it (a day of a
/// large force is a hundred million accesses: they are counted where they lie, never read out one by one).
/// </summary>
internal interface IDetectionQueries
{
    /// <summary>
    /// Starts a pass over the accesses of [start, end). The store is held for the pass (no ingest runs meanwhile)
    /// until it is disposed.
    /// </summary>
    Task<IDetectionPass> BeginDetectionAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken ct);
}

/// <summary>
/// One detection pass over a window. The counting steps build on each other (each may keep its result in the store for
/// the next, as DuckDB temporary tables do), so they are called in the order <see cref="MisuseDetection"/> calls them.
/// Calls block; detection makes them on a worker thread. Days are London days.
/// </summary>
internal interface IDetectionPass : IDisposable
{
    /// <summary>False when no stored segment overlaps the window: there is nothing to count.</summary>
    bool HasEvents { get; }

    /// <summary>
    /// Counts the window's accesses per user, day, system and record type, with their out-of-hours searches, and how
    /// each is explained: by an assignment covering its record or person at that time, by an assignment matching the
    /// reason given, by a record the user made about that person or record (<see cref="OwnRecords"/>; never about someone
    /// they are linked to), or not at all. The hits and the leaks' pools read the same decision (ADR 0030 addendum).
    /// </summary>
    void CountAccessesByExplanation(OutOfHours outOfHours, OwnRecords ownRecords);

    /// <summary>Per user and day: accesses, out-of-hours searches and (approximately) how many different people were looked up.</summary>
    void CountUserDays();

    /// <summary>Which systems and record types are normal work for each unit in the window (<see cref="UnitNormSettings"/>).</summary>
    void FindUnitNormalWork(UnitNormSettings norm);

    /// <summary>Each user's daily averages over the <paramref name="baselineDays"/> days before <paramref name="firstDay"/>, from the stored baselines.</summary>
    void ReadHistory(DateOnly firstDay, int baselineDays);

    /// <summary>How the window's accesses were explained, per system and unit (an unexplained access that is its unit's normal work counts as such).</summary>
    IReadOnlyList<ExplanationShare> ExplanationShares();

    /// <summary>
    /// Systems and record types a user with at least <see cref="FirstUseCriteria.MinHistoryDays"/> of history used in
    /// the window and had not used before the day before <see cref="FirstUseCriteria.FirstDay"/>, that are not their
    /// unit's normal work, with at least <see cref="FirstUseCriteria.MinimumAccesses"/> accesses. Null finds none.
    /// </summary>
    void FindFirstUses(FirstUseCriteria? criteria);

    /// <summary>
    /// The accesses nothing explains (as <see cref="CountAccessesByExplanation"/> decided it) that the event rules look at: about a person with one of
    /// <paramref name="sensitiveFlags"/> or linked to the user, a print or export of one of
    /// <paramref name="sensitiveRecordTypes"/>, or part of a first use; by user and time.
    /// </summary>
    IReadOnlyList<DetectionSignals.Hit> UncoveredEventRuleHits(IReadOnlyCollection<string> sensitiveFlags, IReadOnlyCollection<string> sensitiveRecordTypes);

    /// <summary>
    /// For each (user, person): how many other users of the same unit had recorded work on the person in the window: an
    /// access explained by an assignment, a reason or their own record, or a record they made or updated about them (a
    /// detainee is the whole custody suite's work). Colleagues' unexplained looks do not count.
    /// </summary>
    IReadOnlyDictionary<(string StaffId, string PersonId), int> UnitColleaguesTouching(IReadOnlyCollection<(string StaffId, string PersonId)> pairs);

    /// <summary>The recorded links between these users and people (reference data).</summary>
    IReadOnlyList<AssociationReference> AssociationsOf(IReadOnlyCollection<string> staffIds);

    /// <summary>The first uses found by <see cref="FindFirstUses"/>, with every access counted.</summary>
    IReadOnlyList<FirstUseCount> FirstUses();

    /// <summary>Each active user's unit.</summary>
    IReadOnlyDictionary<string, string?> StaffUnits();

    /// <summary>Each user's day with their own history and the day's median and MAD for peers in the same peer group.</summary>
    IReadOnlyList<DetectionSignals.UserDay> UserDaysWithPeers();

    /// <summary>
    /// The first <paramref name="limit"/> accesses of each of these users' days in time order, kept apart for the
    /// out-of-hours searches (key true) and the rest (key false).
    /// </summary>
    IReadOnlyDictionary<(string StaffId, string Day, bool OutOfHoursSearch), List<AccessEvent>> DayEvidence(
        IReadOnlyCollection<string> staffIds, OutOfHours outOfHours, int limit);

    /// <summary>Users active in the window.</summary>
    long ActiveUsers();

    /// <summary>The known leaks (reference data).</summary>
    IReadOnlyList<LeakReference> Leaks();

    /// <summary>
    /// Accesses in [from, to) to the record or about the person (either may be null) that no assignment covers, by user and
    /// time. A record the user made does not cover them: a leak's pool is everyone who touched it (ADR 0030 addendum).
    /// </summary>
    IReadOnlyList<AccessEvent> UncoveredAccessesTo(string? subjectPersonId, string? recordId, DateTimeOffset from, DateTimeOffset to);

    /// <summary>Keeps the window's explanation shares, user days, systems seen and records made as the baselines later days compare with.</summary>
    void SaveBaselines(DateOnly from, DateOnly to);
}

/// <summary>What counts as a first use of a system (<see cref="IDetectionPass.FindFirstUses"/>).</summary>
internal sealed record FirstUseCriteria(DateOnly FirstDay, int MinHistoryDays, double MinimumAccesses);

/// <summary>A user's accesses in the window to a system and record type they had not used before.</summary>
internal sealed record FirstUseCount(string StaffId, string System, string RecordType, long Events);
