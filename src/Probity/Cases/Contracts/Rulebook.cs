using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Probity.Kernel;

namespace Probity.Cases.Contracts;

/// <summary>
/// The rules of one regulatory regime, held as data (Rulebooks/*.json, embedded): which handling routes exist,
/// which findings each route may reach, which route may change to which, which sanctions and appeal types apply,
/// and the timeliness targets. A case is governed by the rulebook of its regime, chosen by its received date
/// unless given explicitly. Adding a regime is adding a file.
/// </summary>
internal sealed class Rulebook
{
    public required string Regime { get; init; }
    public required string Title { get; init; }
    public DateOnly AppliesFrom { get; init; }
    public DateOnly? AppliesUntil { get; init; }
    public int DefaultTargetWorkingDays { get; init; }
    public required IReadOnlyList<RouteRule> Routes { get; init; }
    public required IReadOnlyList<string> Sanctions { get; init; }
    public required IReadOnlyList<string> AppealTypes { get; init; }
    public required IReadOnlyList<string> SanctionableFindings { get; init; }
    /// <summary>The severities a matter may be assessed at for a subject officer (ADR 0023).</summary>
    public IReadOnlyList<string> Severities { get; init; } = [];
    /// <summary>The kinds of misconduct meeting and hearing, each for the severity it hears (ADR 0023).</summary>
    public IReadOnlyList<HearingKindRule> HearingKinds { get; init; } = [];
    /// <summary>The severity handled by the reflective practice review process instead of a meeting; null where the regime has none.</summary>
    public string? ReflectivePracticeSeverity { get; init; }
    /// <summary>
    /// The severities a borough may handle locally (ADR 0026: the Taylor reforms' matters short of gross misconduct); a
    /// matter at any other severity is the Directorate's.
    /// </summary>
    public IReadOnlyList<string> LocalHandlingSeverities { get; init; } = [];

    public HearingKindRule? HearingKind(string? code) => HearingKinds.FirstOrDefault(k => k.Code == code);

    /// <summary>The severity's rule, or a clear refusal naming the severities the regime knows.</summary>
    public string RequireSeverity(string? code) => code is not null && Severities.Contains(code) ? code : throw new ActionRefusedException(
        $"severity: '{Vocabulary.Describe(code)}' is not a severity under the {Regime} regime. Allowed: {string.Join(", ", Severities.Select(Vocabulary.Describe))}.");

    internal sealed class HearingKindRule
    {
        public required string Code { get; init; }
        /// <summary>The severity this kind of meeting or hearing is for.</summary>
        public required string Severity { get; init; }
        /// <summary>Where its outcome is appealed (the Police Appeals Tribunal); null where it is not appealed outside the force.</summary>
        public string? AppealType { get; init; }
        /// <summary>
        /// The outcomes its panel may give (a meeting cannot dismiss), each one of the regime's sanctions, from the least
        /// severe to the most: the Police Appeals Tribunal may put a lesser one in place of the panel's (ADR 0023 addendum).
        /// </summary>
        public IReadOnlyList<string> Outcomes { get; init; } = [];
    }

    private FrozenDictionary<string, RouteRule>? _byCode;
    private FrozenDictionary<string, RouteRule> ByCode => _byCode ??= Routes.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);

    public RouteRule? Route(string? code) => code is not null && ByCode.TryGetValue(code, out var r) ? r : null;

    /// <summary>The route's rule, or a clear refusal naming the allowed routes.</summary>
    public RouteRule RequireRoute(string code) => Route(code) ?? throw new ActionRefusedException(
        $"'{Vocabulary.Describe(code)}' is not a handling route under the {Regime} regime. Allowed: {string.Join(", ", Routes.Select(r => Vocabulary.Describe(r.Code)))}.");

    internal sealed class RouteRule
    {
        public required string Code { get; init; }
        public int? TargetWorkingDays { get; init; }
        public required IReadOnlyList<string> Findings { get; init; }
        public string? AppealType { get; init; }
        public required IReadOnlyList<string> CanChangeTo { get; init; }
        /// <summary>Whether a case on this route is finalised only once its investigation report is approved by its supervisor (ADR 0022).</summary>
        public bool RequiresReportApproval { get; init; }
    }
}

/// <summary>All rulebooks built in, and the choice of one for a case.</summary>
internal sealed class RulebookCatalogue
{
    private readonly IReadOnlyList<Rulebook> _books;

    public RulebookCatalogue(IReadOnlyList<Rulebook> books) => _books = books.OrderBy(b => b.AppliesFrom).ToArray();

    public IReadOnlyList<Rulebook> All => _books;

    public static RulebookCatalogue LoadBuiltIn()
    {
        var assembly = typeof(RulebookCatalogue).Assembly;
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowReadingFromString };
        var books = new List<Rulebook>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Rulebooks.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var book = JsonSerializer.Deserialize<Rulebook>(stream, options) ?? throw new InvalidOperationException($"Rulebook {name} is empty");
            Validate(book, name);
            books.Add(book);
        }
        return new RulebookCatalogue(books);
    }

    /// <summary>The regime governing a case: the one given, else the one in force on the received date.</summary>
    public Rulebook For(string? regime, DateOnly receivedOn)
    {
        if (!string.IsNullOrEmpty(regime))
            return _books.FirstOrDefault(b => b.Regime == regime) ?? throw new ActionRefusedException($"Unknown regime '{regime}'.");
        return _books.LastOrDefault(b => b.AppliesFrom <= receivedOn) ?? _books[0];
    }

    public Rulebook For(Case c) => For(c.Regime, c.ReceivedOn);

    // A rulebook naming a code outside the PIF-1 vocabulary would let the platform write data it cannot export.
    private static void Validate(Rulebook book, string name)
    {
        void Check(IEnumerable<string> codes, FrozenSet<string> vocabulary, string what)
        {
            foreach (var c in codes)
                if (!vocabulary.Contains(c)) throw new InvalidOperationException($"Rulebook {name}: '{c}' is not a PIF-1 {what} code");
        }
        Check(book.Routes.Select(r => r.Code), Vocabulary.HandlingRoutes, "handling_route");
        Check(book.Routes.SelectMany(r => r.CanChangeTo), Vocabulary.HandlingRoutes, "handling_route");
        Check(book.Routes.SelectMany(r => r.Findings), Vocabulary.Findings, "finding");
        Check(book.Routes.Where(r => r.AppealType is not null).Select(r => r.AppealType!), Vocabulary.AppealTypes, "appeal_type");
        Check(book.Sanctions, Vocabulary.SanctionOutcomes, "sanction outcome");
        Check(book.AppealTypes, Vocabulary.AppealTypes, "appeal_type");
        // Severities and hearing kinds are not PIF-1 codes (they are not interchanged): each hearing kind must hear a severity of its own book.
        foreach (var k in book.HearingKinds)
        {
            if (!book.Severities.Contains(k.Severity)) throw new InvalidOperationException($"Rulebook {name}: hearing kind '{k.Code}' is for '{k.Severity}', which is not one of its severities");
            foreach (var o in k.Outcomes)
                if (!book.Sanctions.Contains(o)) throw new InvalidOperationException($"Rulebook {name}: hearing kind '{k.Code}' gives '{o}', which is not one of its sanctions");
        }
        if (book.ReflectivePracticeSeverity is { } rprp && !book.Severities.Contains(rprp))
            throw new InvalidOperationException($"Rulebook {name}: reflectivePracticeSeverity '{rprp}' is not one of its severities");
        foreach (var local in book.LocalHandlingSeverities)
            if (!book.Severities.Contains(local)) throw new InvalidOperationException($"Rulebook {name}: localHandlingSeverities '{local}' is not one of its severities");
    }
}
