using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Intelligence.Contracts;

namespace Probity.DemoForce;

/// <summary>
/// A few Right Line reports for the demo force, some answered by the Bureau and some assessed, so the queue and a
/// conversation can be explored. Their passphrases are made and thrown away, as a real reporter's would be unknown to
/// everyone else: the demo reporter's side is tried by making a new report.
/// </summary>
internal static class DemoRightLine
{
    private static readonly (int DaysBefore, string Account, (bool FromReporter, int DaysAfter, string Text)[] Messages, string? Assessment)[] Reports =
    [
        (200, "A sergeant on the response team at a south London borough is running a second business fitting car alarms, and uses the PNC to find customers.",
            [(false, 3, "Thank you. Do you know roughly when this started, and how you know he uses the PNC for it?"),
             (true, 10, "Since last spring. He showed a printout in the canteen with a customer's address on it.")], RightLineAssessments.Intelligence),
        (120, "Seized cash is being counted by one officer alone at a custody suite, and amounts logged are lower than what was found.",
            [(false, 1, "We are looking into this. Can you say which custody suite, without saying anything that would identify you?")], null),
        (60, "Someone in the front office tells a local drug dealer when warrants are coming.", [], null),
        (25, "A manager is claiming overtime for shifts he did not work.",
            [(false, 2, "Thank you for reporting this. It has been passed to the team that deals with it.")], RightLineAssessments.NoFurtherAction),
    ];

    public static async Task LoadAsync(ProbityDb db, Audit audit, DateOnly until, CancellationToken ct)
    {
        foreach (var (daysBefore, account, messages, assessment) in Reports)
        {
            var received = until.AddDays(-daysBefore);
            var report = new RightLineReport
            {
                Id = RightLinePassphrases.NewReference(), PassphraseHash = RightLinePassphrases.Hash(RightLinePassphrases.NewPassphrase()),
                ReceivedOn = received, Account = account, AwaitingBureau = messages.Length == 0 || messages[^1].FromReporter,
                Assessment = assessment, AssessedOn = assessment is null ? null : until.AddDays(-daysBefore + 14),
                AssessedBy = assessment is null ? null : "intelligence",
                AssessmentNote = assessment == RightLineAssessments.Intelligence ? "Possible misuse of police systems for a business interest: retained as intelligence." : null,
            };
            var number = 0;
            foreach (var (fromReporter, daysAfter, text) in messages)
                report.Messages.Add(new RightLineMessage
                {
                    ReportId = report.Id, Number = ++number, FromReporter = fromReporter, Author = fromReporter ? null : "intelligence",
                    Text = text, WrittenOn = received.AddDays(daysAfter),
                });
            db.Set<RightLineReport>().Add(report);
            audit.Change("right_line_report", "right-line:" + report.Id, "demo force");
        }
        await db.SaveChangesAsync(ct);
    }
}
