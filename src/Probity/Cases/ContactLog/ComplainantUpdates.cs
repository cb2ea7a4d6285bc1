namespace Probity.Cases.ContactLog;

/// <summary>
/// Keeping a complainant informed (issue 13 item 5): the statutory guidance expects an update at least every 28 days.
/// Every contact logged with the complainant, and every letter sent, counts as one; the next is due that many calendar
/// days after the latest (or after receipt, before any). Calendar days, not working days: the guidance speaks to the
/// complainant's wait, which does not pause at weekends. The contacts are timeline entries of the case, so they are
/// need-to-know filtered and audited exactly as the case is, and no second store can disagree with the timeline.
/// </summary>
internal static class ComplainantUpdates
{
    public const string ContactKind = "complainant_contact";
    public const string LetterKind = "letter_sent";

    /// <summary>The timeline entries that count as an update to the complainant.</summary>
    public static readonly string[] UpdateKinds = [ContactKind, LetterKind];

    /// <summary>How a contact was made, in the words the log shows.</summary>
    public static readonly IReadOnlyDictionary<string, string> Ways = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["call"] = "Telephone call", ["letter"] = "Letter", ["email"] = "Email", ["meeting"] = "Meeting", ["visit"] = "Home visit", ["other"] = "Other contact",
    };

    /// <summary>When the next update is due, counting from the latest update (or from receipt).</summary>
    public static DateOnly NextDue(DateOnly receivedOn, DateOnly? latestUpdate, int days) =>
        (latestUpdate is { } last && last > receivedOn ? last : receivedOn).AddDays(days);
}
