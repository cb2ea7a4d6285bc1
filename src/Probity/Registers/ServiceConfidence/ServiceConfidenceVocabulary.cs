namespace Probity.Registers.ServiceConfidence;

/// <summary>The restrictions the Service Confidence Procedure places and the outcomes of its reviews (seed 003), as the register shows them.</summary>
internal static class ServiceConfidenceVocabulary
{
    public static readonly IReadOnlyDictionary<string, string> Restrictions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["posting"] = "Moved from their posting", ["system_access"] = "System access removed or limited", ["vetting"] = "Vetting clearance suspended",
        ["public_contact"] = "No contact with the public", ["firearms"] = "Firearms authority withdrawn", ["other"] = "Other restriction",
    };

    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["restrictions_continued"] = "Restrictions continued", ["confidence_restored"] = "Confidence restored", ["dismissal"] = "Dismissal", ["other"] = "Other outcome",
    };

    public static string Restriction(string code) => Restrictions.GetValueOrDefault(code, code);

    public static string Outcome(string code) => Outcomes.GetValueOrDefault(code, code);
}

/// <summary>Where a record stands today, in the words the register shows.</summary>
internal sealed record ServiceConfidenceState(string Text, string Tag, bool Overdue)
{
    public static ServiceConfidenceState Of(Contracts.ServiceConfidenceRecord r, DateOnly today)
    {
        if (r.ClosedOn is { } c) return new($"{ServiceConfidenceVocabulary.Outcome(r.Outcome ?? "other")} ({c:d MMM yyyy})", "finalised", false);
        if (r.NextReviewOn is { } due && due < today) return new($"Review overdue since {due:d MMM yyyy}", "overdue", true);
        return r.NextReviewOn is { } next ? new($"Review due {next:d MMM yyyy}", "live", false) : new("No review set", "overdue", false);
    }
}
