using System.Globalization;
using Probity.Kernel;

namespace Probity.Risk.Model;

/// <summary>
/// What the model predicts and every evaluation scores against (ADR "Risk outcome, censoring and the fallback rule"):
/// a <em>new</em> allegation of misconduct received in the <see cref="WindowMonths"/> after the as-at date that is later
/// substantiated (one of <see cref="Findings"/>) or leads to a sanction other than those in <see cref="SanctionsIgnored"/>.
/// Allegations still open at the as-at date are features, never outcomes: how an investigation already under way will end
/// is not early intervention. Configured under <c>Probity:Risk:Outcome</c>; a wrong setting is a configuration error
/// (<see cref="InvalidDataException"/> naming the setting and its value, ADR 0012), not a refused action.
/// </summary>
internal sealed record RiskOutcome
{
    /// <summary>Months after the as-at date in which a new allegation must be received.</summary>
    public int WindowMonths { get; init; } = 12;

    /// <summary>The case types whose allegations count (complaints and conduct matters, not claims, tribunals or grievances).</summary>
    public IReadOnlyList<string> CaseTypes { get; init; } = ["public_complaint", "conduct_matter", "death_or_serious_injury"];

    /// <summary>Findings that make the allegation an outcome.</summary>
    public IReadOnlyList<string> Findings { get; init; } = ["substantiated"];

    /// <summary>Whether a sanction on the allegation's case for that officer makes it an outcome too.</summary>
    public bool Sanctions { get; init; } = true;

    /// <summary>Sanction outcomes that are not an adverse outcome.</summary>
    public IReadOnlyList<string> SanctionsIgnored { get; init; } = ["no_action"];

    /// <summary>
    /// Censoring: a training window is used only when it ended at least this many months before the cut, so its
    /// findings have had time to arrive; an officer whose window still holds an unresolved allegation at the cut (and no
    /// known outcome) is left out of training rather than counted as "no outcome".
    /// </summary>
    public int MaturityMonths { get; init; } = 12;

    public static RiskOutcome From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Probity:Risk:Outcome");
        var outcome = new RiskOutcome();
        if (!section.Exists()) return outcome;
        int Int(string key, int fallback, int min, int max)
        {
            var text = section[key];
            if (string.IsNullOrEmpty(text)) return fallback;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                throw new InvalidDataException($"Probity:Risk:Outcome:{key} must be a whole number from {min} to {max} (it is '{text}').");
            return v;
        }
        IReadOnlyList<string> Codes(string key, IReadOnlyList<string> fallback, IReadOnlySet<string> allowed, string what)
        {
            var child = section.GetSection(key);
            if (!child.Exists()) return fallback;
            var values = child.Value is { } single ? single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : child.GetChildren().Select(c => c.Value ?? "").ToArray();
            foreach (var v in values)
                if (!allowed.Contains(v)) throw new InvalidDataException($"Probity:Risk:Outcome:{key}: '{v}' is not a {what}.");
            return values;
        }
        var sanctions = section["Sanctions"];
        return outcome with
        {
            WindowMonths = Int("WindowMonths", outcome.WindowMonths, 1, 60),
            MaturityMonths = Int("MaturityMonths", outcome.MaturityMonths, 0, 60),
            CaseTypes = Codes("CaseTypes", outcome.CaseTypes, Vocabulary.CaseTypes, "case type"),
            Findings = Codes("Findings", outcome.Findings, Vocabulary.Findings, "finding"),
            SanctionsIgnored = Codes("SanctionsIgnored", outcome.SanctionsIgnored, Vocabulary.SanctionOutcomes, "sanction outcome"),
            Sanctions = string.IsNullOrEmpty(sanctions) ? outcome.Sanctions
                : bool.TryParse(sanctions, out var b) ? b : throw new InvalidDataException($"Probity:Risk:Outcome:Sanctions must be true or false (it is '{sanctions}')."),
        };
    }

    /// <summary>The outcome in words, for the model page and every evaluation.</summary>
    public string Describe()
    {
        var findings = string.Join(" or ", Findings.Select(f => Vocabulary.Describe(f).ToLowerInvariant()));
        var sanction = Sanctions ? $" or leads to a sanction ({(SanctionsIgnored.Count == 0 ? "any" : "other than " + string.Join(", ", SanctionsIgnored.Select(s => Vocabulary.Describe(s).ToLowerInvariant())))})" : "";
        return $"a new allegation ({string.Join(", ", CaseTypes.Select(t => Vocabulary.Describe(t).ToLowerInvariant()))}) received in the {WindowMonths} months after the date that is later {findings}{sanction}";
    }
}

/// <summary>An officer's outcome for one window, as far as it was known at a date.</summary>
internal enum OutcomeState : byte
{
    /// <summary>No outcome: every allegation received in the window had been resolved without one (or there was none).</summary>
    None,
    /// <summary>An allegation received in the window was substantiated or led to a sanction.</summary>
    Adverse,
    /// <summary>Not known yet: an allegation received in the window was still unresolved, and none had an adverse outcome.</summary>
    Unresolved,
}
