namespace Probity.AccessMonitoring.Detection;

/// <summary>Who works where, in which peer group: the unit decides "normal work", the peer group the statistical comparison.</summary>
internal sealed record StaffReference(string StaffId, string? UnitId, string? PeerGroup)
{
    /// <summary>The peer group detection compares a member of staff with: their staff type, and rank if they have one.</summary>
    public static string PeerGroupOf(string staffType, string? rank) => staffType + (rank == null ? "" : "/" + rank);
}

internal sealed record PersonReference(string PersonId, IReadOnlyList<string> Flags);

internal sealed record AssociationReference(string StaffId, string PersonId, string Relation, string? Source, DateOnly? From, DateOnly? To);

internal sealed record AssignmentReference(string StaffId, string? ReasonRef, string? RecordType, string? RecordId, string? SubjectPersonId, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>A known leak: everyone who touched the record or subject in the days before it is examined.</summary>
internal sealed record LeakReference(string LeakId, string? RecordId, string? SubjectPersonId, DateTimeOffset LeakedAt, int WindowDays);

/// <summary>What detection explains accesses against, copied into the event store before each run.</summary>
internal sealed record ReferenceData(
    IReadOnlyList<StaffReference> Staff,
    IReadOnlyList<PersonReference> FlaggedPersons,
    IReadOnlyList<AssociationReference> Associations,
    IReadOnlyList<AssignmentReference> Assignments,
    IReadOnlyList<LeakReference> Leaks);
