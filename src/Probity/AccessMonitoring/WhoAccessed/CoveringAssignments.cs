using Probity.Registers.Contracts;
using Probity.AccessMonitoring.EventStore;

namespace Probity.AccessMonitoring.WhoAccessed;

/// <summary>
/// Whether an assignment (a tasking) covers an access: the same member of staff, at a time inside the assignment,
/// for the same record, the same person, or quoting the assignment's reason. The same three tests detection applies.
/// </summary>
internal static class CoveringAssignments
{
    public static bool Covers(Assignment a, AccessEvent e) =>
        a.StaffId == e.StaffId
        && (a.FromTime is null || e.Time >= a.FromTime) && (a.ToTime is null || e.Time <= a.ToTime)
        && ((a.RecordId is not null && a.RecordId == e.RecordId && (a.RecordType is null || a.RecordType == e.RecordType))
            || (a.SubjectPersonId is not null && a.SubjectPersonId == e.SubjectPersonId)
            || (a.ReasonRef is not null && a.ReasonRef == e.ReasonRef));

    public static Assignment? Find(IEnumerable<Assignment> assignments, AccessEvent e) => assignments.FirstOrDefault(a => Covers(a, e));
}
