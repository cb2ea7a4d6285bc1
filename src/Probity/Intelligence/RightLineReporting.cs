using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Intelligence.Contracts;
using Probity.Intelligence.FollowUp;
using Probity.Kernel;

namespace Probity.Intelligence;

/// <summary>
/// The reporter's side of Right Line: making a report, and coming back with the reference and passphrase to read the
/// Bureau's replies and answer them. Nothing here reads who is asking: every act is audited as the anonymous
/// reporter, on the day, with no address (ADR right-line-anonymity).
/// </summary>
internal sealed class RightLineReporting(ProbityDb db, Audit audit, TimeProvider time, PassphraseAttempts attempts, StandInPassphrase standIn)
{
    /// <summary>The one answer to a wrong passphrase and to a reference that does not exist, so neither tells which.</summary>
    public const string NotRecognised = "That reference and passphrase do not open a report. Check both and try again.";
    public const string TooManyAttempts = "Too many tries for that reference. Wait an hour, then try again.";

    internal sealed record Receipt(string Reference, string Passphrase);

    internal sealed record Conversation(string Reference, DateOnly ReceivedOn, string Account, IReadOnlyList<RightLineMessage> Messages, bool Assessed);

    public async Task<Receipt> MakeAsync(string account, CancellationToken ct)
    {
        var text = RequireText(account, "your report");
        var passphrase = RightLinePassphrases.NewPassphrase();
        var report = new RightLineReport
        {
            Id = RightLinePassphrases.NewReference(), PassphraseHash = RightLinePassphrases.Hash(passphrase), ReceivedOn = time.Today(), Account = text,
        };
        db.Set<RightLineReport>().Add(report);
        audit.ChangeAnonymously("right_line_report", Target(report.Id));
        await db.SaveChangesAsync(ct);
        return new Receipt(report.Id, passphrase);
    }

    /// <summary>The conversation, for whoever holds the reference and passphrase; refused alike for a wrong passphrase or an unknown reference.</summary>
    public async Task<Conversation> OpenAsync(string? reference, string? passphrase, CancellationToken ct)
    {
        var report = await UnlockAsync(reference, passphrase, ct);
        await audit.RecordAnonymouslyAsync("view", Target(report.Id), "read by its reporter", ct);
        return ToConversation(report);
    }

    public async Task<Conversation> AnswerAsync(string? reference, string? passphrase, string? text, CancellationToken ct)
    {
        var report = await UnlockAsync(reference, passphrase, ct);
        var answer = RequireText(text, "your message");
        report.Messages.Add(new RightLineMessage
        {
            ReportId = report.Id, Number = report.Messages.Count + 1, FromReporter = true, Text = answer, WrittenOn = time.Today(),
        });
        report.AwaitingBureau = true;
        report.Version = Guid.NewGuid();
        audit.ChangeAnonymously("right_line_message", Target(report.Id), "message from its reporter");
        await db.SaveChangesOrConflictAsync("The Bureau wrote to you while you were writing. Open the report again to read it, then send your message.", ct);
        return ToConversation(report);
    }

    public static string Target(string reference) => "right-line:" + reference;

    private async Task<RightLineReport> UnlockAsync(string? typedReference, string? passphrase, CancellationToken ct)
    {
        var reference = RightLinePassphrases.NormaliseReference(typedReference);
        if (reference.Length == 0 || string.IsNullOrWhiteSpace(passphrase)) throw new ActionRefusedException(NotRecognised);
        if (!attempts.TryAttempt(reference))
        {
            // Someone may be spending this reference's tries to lock its reporter out: the Bureau sees it on the trail.
            await audit.RecordAnonymouslyAsync("right_line_refused", Target(reference), "too many tries for this reference", ct);
            throw new ActionRefusedException(TooManyAttempts);
        }
        var report = await db.Set<RightLineReport>().Include(r => r.Messages).FirstOrDefaultAsync(r => r.Id == reference, ct);
        // An unknown reference costs the same hash as a known one, so the time taken does not tell them apart either.
        var matches = RightLinePassphrases.Verifies(report?.PassphraseHash ?? standIn.Hash, passphrase);
        if (report is null || !matches)
        {
            // On the trail like a refused sign-in, as the reporter would be: anonymous, the day only, no address.
            await audit.RecordAnonymouslyAsync("right_line_refused", Target(report is null ? "unknown" : report.Id), "wrong passphrase or unknown reference", ct);
            throw new ActionRefusedException(NotRecognised);
        }
        return report;
    }

    private static Conversation ToConversation(RightLineReport report) =>
        new(report.Id, report.ReceivedOn, report.Account, [.. report.Messages.OrderBy(m => m.Number)], report.Assessment is not null);

    internal static string RequireText(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ActionRefusedException($"Write {what} before sending it.");
        var trimmed = text.Trim();
        if (trimmed.Length > RightLineLimits.Text)
            throw new ActionRefusedException($"{char.ToUpperInvariant(what[0])}{what[1..]} is {trimmed.Length:N0} characters: the limit is {RightLineLimits.Text:N0}. Shorten it, or send the rest as a second message.");
        return trimmed;
    }
}

/// <summary>A hash of a passphrase nobody holds, checked when the reference is unknown (made once, at the first use).</summary>
internal sealed class StandInPassphrase
{
    public string Hash { get; } = RightLinePassphrases.Hash(System.Security.Cryptography.RandomNumberGenerator.GetHexString(24));
}
