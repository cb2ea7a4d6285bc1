using Probity.AccessMonitoring.EventStore;

namespace Probity.AccessMonitoring.Detection;

/// <summary>
/// One order over every field of an access, whatever order the store read them in. Every sample an alert keeps as
/// evidence is the first of its accesses in this order, so a re-run of the same day lists the same accesses: the store
/// reads accesses of the same moment in no fixed order, and a sample taken in read order changed between runs (ADR 0036).
/// The store's own day sample (<c>DayEvidence</c>) sorts by the same fields.
/// </summary>
internal static class AccessOrder
{
    public static IOrderedEnumerable<AccessEvent> InOrder(IEnumerable<AccessEvent> events) => events.OrderBy(e => e.Time)
        .ThenBy(e => e.RecordId ?? e.SubjectPersonId, StringComparer.Ordinal).ThenBy(e => e.System, StringComparer.Ordinal)
        .ThenBy(e => e.Action, StringComparer.Ordinal).ThenBy(e => e.RecordType, StringComparer.Ordinal).ThenBy(e => e.RecordId, StringComparer.Ordinal)
        .ThenBy(e => e.SubjectPersonId, StringComparer.Ordinal).ThenBy(e => e.WorkstationId, StringComparer.Ordinal)
        .ThenBy(e => e.ReasonRef, StringComparer.Ordinal).ThenBy(e => e.StaffId, StringComparer.Ordinal);

    /// <summary>The first <paramref name="limit"/> accesses in that order: the sample an alert lists.</summary>
    public static List<AccessEvent> Sample(IEnumerable<AccessEvent> events, int limit) => [.. InOrder(events).Take(limit)];
}
