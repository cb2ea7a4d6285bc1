using Probity.Registers.Contracts;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.EventStore;
using Probity.AccessMonitoring.Overview;
using Probity.AccessMonitoring.WhoAccessed;

namespace Probity.Tests.AccessMonitoring;

public sealed class MonitoringRecordsTests
{
    [Fact]
    public void A_dismissal_is_a_false_positive_unless_it_is_a_duplicate_and_raised_alerts_are_true_positives()
    {
        var record = RuleRecord.From("associated_person", "Linked person", [
            (AlertStatus.Open, null, 4), (AlertStatus.Assigned, null, 1),
            (AlertStatus.Dismissed, "legitimate_business", 2), (AlertStatus.Dismissed, "data_error", 1), (AlertStatus.Dismissed, "duplicate", 5),
            (AlertStatus.Raised, null, 1),
        ]);
        Assert.Equal((4, 1, 3, 1, 5), (record.Open, record.Assigned, record.FalsePositives, record.TruePositives, record.Duplicates));
        Assert.Equal(0.75, record.FalsePositiveRate);
        Assert.Null(RuleRecord.From("x", "x", [(AlertStatus.Dismissed, "duplicate", 3)]).FalsePositiveRate);
    }

    private static readonly DateTimeOffset T = new(2010, 12, 31, 10, 0, 0, TimeSpan.Zero);

    private static AccessEvent Event(string? record = "CR1", string? subject = "P1", string? reason = null) =>
        new(T, "s1", "cris", "view", "crime", record, subject, "WS1", reason);

    private static Assignment Assignment(string? record = null, string? subject = null, string? reason = null, string staff = "s1", string? type = null) =>
        new() { RowKey = "k", StaffId = staff, RecordId = record, SubjectPersonId = subject, ReasonRef = reason, RecordType = type, FromTime = T.AddDays(-1), ToTime = T.AddDays(1) };

    [Fact]
    public void An_assignment_covers_an_access_by_record_person_or_reason_for_the_same_person_and_time()
    {
        Assert.True(CoveringAssignments.Covers(Assignment(record: "CR1"), Event()));
        Assert.True(CoveringAssignments.Covers(Assignment(record: "CR1", type: "crime"), Event()));
        Assert.False(CoveringAssignments.Covers(Assignment(record: "CR1", type: "custody"), Event()));
        Assert.True(CoveringAssignments.Covers(Assignment(subject: "P1"), Event()));
        Assert.True(CoveringAssignments.Covers(Assignment(reason: "L1"), Event(reason: "L1")));
        Assert.False(CoveringAssignments.Covers(Assignment(reason: "L1"), Event(reason: "L2")));
        Assert.False(CoveringAssignments.Covers(Assignment(record: "CR1", staff: "s2"), Event()));
        Assert.False(CoveringAssignments.Covers(Assignment(record: "CR1"), Event() with { Time = T.AddDays(2) }));
        // An assignment that names nothing covers nothing.
        Assert.False(CoveringAssignments.Covers(Assignment(), Event(reason: null)));
    }
}
