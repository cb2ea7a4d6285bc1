using Probity.AccessMonitoring.EventStore;

namespace Probity.AccessMonitoring.Detection;

/// <summary>Detect over whole days, London time: from the start of <see cref="From"/> to the end of <see cref="To"/>.</summary>
internal sealed record DetectionRequest(DateOnly From, DateOnly To, MisuseRuleSet Rules, bool UpdateBaselines = true)
{
    public DateTimeOffset Start => LondonTime.StartOfDay(From);
    public DateTimeOffset End => LondonTime.StartOfDay(To.AddDays(1));
}

/// <summary>Something a rule found, with its measurements and the events behind it; scoring and words come after.</summary>
internal sealed record MisuseSignal(
    string Rule,
    string StaffId,
    string Key,
    DateTimeOffset First,
    DateTimeOffset Last,
    long EventCount,
    IReadOnlyDictionary<string, double> Measures,
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyList<AccessEvent> Evidence)
{
    /// <summary>Every person a leak story was about (its "person" fact joins them with commas, for reading); empty for other rules.</summary>
    public IReadOnlyList<string> LeakSubjects { get; init; } = [];

    /// <summary>
    /// The people the finding names, as ids: a leak story's subjects, or the one person of any other finding. Never split
    /// from the words, since a force's person ids may themselves hold a comma ("SMITH, JOHN 1970").
    /// </summary>
    public IReadOnlyList<string> Persons => Rule == MisuseRuleIds.PreLeakAccess ? LeakSubjects
        : Facts.GetValueOrDefault("person") is { Length: > 0 } person ? [person] : [];
}

/// <summary>How many accesses were explained, and how, for one system and unit.</summary>
internal sealed record ExplanationShare(string System, string UnitId, long Total, long ByAssignment, long ByReason, long ByOwnRecord, long ByUnitNorm)
{
    public long Explained => ByAssignment + ByReason + ByOwnRecord + ByUnitNorm;
    public long Unexplained => Total - Explained;
    public double Share => Total == 0 ? 0 : (double)Explained / Total;
}

internal sealed record DetectionOutput(
    IReadOnlyList<MisuseSignal> Signals,
    IReadOnlyList<ExplanationShare> Shares,
    long EventsExamined,
    long UsersActive,
    IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages);
