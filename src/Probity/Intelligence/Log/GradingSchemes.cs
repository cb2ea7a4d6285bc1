using System.Text.Json;
using Probity.Kernel;

namespace Probity.Intelligence.Log;

/// <summary>One grade of a scheme: its code and the words a reader sees.</summary>
internal sealed record Grade(string Code, string Words);

/// <summary>A handling code, and what it allows when the item is disseminated (ADR intelligence-log).</summary>
internal sealed record HandlingCode(string Code, string Words, bool OriginalMayBeDisseminated, bool ConditionsRequired);

/// <summary>
/// An intelligence grading scheme held as data (Intelligence/Data/grading-*.json, embedded), like the case rulebooks
/// (ADR 0004): the grades it offers and the days it was in force. Adding or changing a scheme is editing a file.
/// </summary>
/// <summary>
/// The grading an item made in one step gets until the unit reviews it (also data): a Right Line report is an untested,
/// anonymous source whose words may identify the reporter; an alert comes from the force's own audit logs.
/// </summary>
internal sealed record FirstGrading(string Source, string Intelligence, string Handling, string? Conditions);

internal sealed record GradingScheme(string Scheme, string Title, DateOnly AppliesFrom, DateOnly? AppliesUntil,
    IReadOnlyList<Grade> Source, IReadOnlyList<Grade> Intelligence, IReadOnlyList<HandlingCode> Handling, FirstGrading RightLine, FirstGrading MisuseAlert)
{
    public HandlingCode? HandlingOf(string? code) => Handling.FirstOrDefault(h => h.Code == code);

    /// <summary>Refuses a grade the scheme does not have, naming the field, the scheme and the day.</summary>
    public void Require(string field, IEnumerable<string> allowed, string? code, DateOnly on)
    {
        var codes = allowed.ToList();
        if (string.IsNullOrWhiteSpace(code))
            throw new ActionRefusedException($"{field}: choose one of {string.Join(", ", codes)} ({Scheme}, in force on {on:d MMMM yyyy}).");
        if (!codes.Contains(code, StringComparer.Ordinal))
            throw new ActionRefusedException($"{field}: '{code}' is not a grade under {Scheme}, the scheme in force on {on:d MMMM yyyy}; choose one of {string.Join(", ", codes)}.");
    }
}

/// <summary>The built-in grading schemes, the source types and the control strategy's priorities, all from Intelligence/Data.</summary>
internal sealed class IntelligenceLists
{
    public IReadOnlyList<GradingScheme> Schemes { get; }
    public IReadOnlyList<Grade> SourceTypes { get; }
    public IReadOnlyList<Grade> Priorities { get; }
    /// <summary>The control strategy's priorities with the evidence each counts (ADR control-strategy).</summary>
    public IReadOnlyList<ControlPriority> Strategy { get; }

    private IntelligenceLists(IReadOnlyList<GradingScheme> schemes, IReadOnlyList<Grade> sourceTypes, IReadOnlyList<ControlPriority> strategy) =>
        (Schemes, SourceTypes, Strategy, Priorities) = (schemes, sourceTypes, strategy, [.. strategy.Select(p => new Grade(p.Code, p.Words))]);

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static IntelligenceLists LoadBuiltIn()
    {
        var schemes = new List<GradingScheme>();
        foreach (var name in Names("grading-"))
            schemes.Add(Read<GradingScheme>(name));
        schemes.Sort((a, b) => a.AppliesFrom.CompareTo(b.AppliesFrom));
        // Each day has exactly one scheme: a gap or an overlap would leave an item ungradable or twice gradable.
        for (var i = 1; i < schemes.Count; i++)
            if (schemes[i - 1].AppliesUntil is not { } until || until.AddDays(1) != schemes[i].AppliesFrom)
                throw new InvalidOperationException($"Grading scheme {schemes[i - 1].Scheme} must end the day before {schemes[i].Scheme} begins ({schemes[i].AppliesFrom:yyyy-MM-dd}).");
        var strategy = Read<List<ControlPriority>>(Names("control-strategy").Single());
        foreach (var p in strategy) p.Check();
        if (strategy.GroupBy(p => p.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"control-strategy.json names the priority '{twice.Key}' twice.");
        return new IntelligenceLists(schemes, Read<List<Grade>>(Names("source-types").Single()), strategy);
    }

    /// <summary>The scheme in force on <paramref name="on"/>.</summary>
    public GradingScheme InForceOn(DateOnly on) =>
        Schemes.LastOrDefault(s => s.AppliesFrom <= on) ?? throw new ActionRefusedException($"No intelligence grading scheme was in force on {on:d MMMM yyyy} (the first begins {Schemes[0].AppliesFrom:d MMMM yyyy}).");

    public GradingScheme? Named(string? scheme) => Schemes.FirstOrDefault(s => s.Scheme == scheme);

    public string SourceTypeWords(string code) => SourceTypes.FirstOrDefault(s => s.Code == code)?.Words ?? code;

    public string PriorityWords(string code) => Priorities.FirstOrDefault(s => s.Code == code)?.Words ?? code;

    public ControlPriority? Priority(string? code) => Strategy.FirstOrDefault(p => p.Code == code);

    private static IEnumerable<string> Names(string prefix) =>
        typeof(IntelligenceLists).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("Probity.Intelligence.Data." + prefix, StringComparison.Ordinal));

    private static T Read<T>(string name)
    {
        using var stream = typeof(IntelligenceLists).Assembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidOperationException($"{name} is empty");
    }
}

/// <summary>
/// A control-strategy priority (Intelligence/Data/control-strategy.json): the allegation categories whose cases count as its
/// evidence, and the registers whose entries do (<see cref="ControlPriority.KnownRegisters"/>). Changing what counts is editing the file.
/// </summary>
internal sealed record ControlPriority(string Code, string Words, IReadOnlyList<string> CaseCategories, IReadOnlyList<string> Registers)
{
    public const string MisuseAlerts = "misuse_alerts";
    public const string BusinessInterests = "business_interests";
    public const string VettingClearances = "vetting_clearances";
    public static readonly IReadOnlyList<string> KnownRegisters = [MisuseAlerts, BusinessInterests, VettingClearances];

    /// <summary>Start-up refuses a category or register the force does not have: a typo would count nothing, silently.</summary>
    public void Check()
    {
        if (CaseCategories is null || Registers is null)
            throw new InvalidOperationException($"control-strategy.json, priority '{Code}': give caseCategories and registers (each may be []).");
        if (CaseCategories.FirstOrDefault(c => !Vocabulary.AllegationCategories.Contains(c)) is { } category)
            throw new InvalidOperationException($"control-strategy.json, priority '{Code}': '{category}' is not an allegation category.");
        if (Registers.FirstOrDefault(r => !KnownRegisters.Contains(r)) is { } register)
            throw new InvalidOperationException($"control-strategy.json, priority '{Code}': '{register}' is not one of {string.Join(", ", KnownRegisters)}.");
    }
}
