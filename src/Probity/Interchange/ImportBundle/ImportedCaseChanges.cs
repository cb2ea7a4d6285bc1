using Probity.Kernel;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Probity.Cases;
using Probity.Infrastructure.Database;
using Probity.Interchange.Contracts;

namespace Probity.Interchange.ImportBundle;

/// <summary>
/// What an import would change in cases already in the store, case by case, in words for their timelines: a case
/// changed by an import shows it like a change made on its page, and its version moves so an open form cannot
/// overwrite it unawares. Read through need-to-know (the importer was already checked to see every case it touches).
/// </summary>
internal static class ImportedCaseChanges
{
    private const int Chunk = 1000;

    public static async Task<Dictionary<string, List<string>>> FindAsync(ProbityDb db, PifBundle b, CancellationToken ct)
    {
        var changes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Note(string caseId, string what)
        {
            if (!changes.TryGetValue(caseId, out var list)) changes[caseId] = list = [];
            list.Add(what);
        }

        var cases = await LoadAsync(db.Cases, b.Cases.Select(c => c.Id), (q, ids) => q.Where(c => ids.Contains(c.Id)), c => c.Id, ct);
        foreach (var c in b.Cases)
        {
            if (!cases.TryGetValue(c.Id, out var old)) continue;
            Compare(c.Id, "case type", old.CaseType, c.CaseType, code: true);
            Compare(c.Id, "regime", old.Regime, c.Regime);
            Compare(c.Id, "received", old.ReceivedOn, c.ReceivedOn);
            Compare(c.Id, "recorded", old.RecordedOn, c.RecordedOn);
            Compare(c.Id, "source", old.Source, c.Source, code: true);
            Compare(c.Id, "where it arose", old.LocationUnitId, c.LocationUnitId);
            Compare(c.Id, "handling unit", old.HandlingUnitId, c.HandlingUnitId);
            Compare(c.Id, "handling route", old.HandlingRoute, c.HandlingRoute, code: true);
            Compare(c.Id, "route decided", old.RouteDecidedOn, c.RouteDecidedOn);
            Compare(c.Id, "finalised", old.FinalisedOn, c.FinalisedOn);
            Compare(c.Id, "referred to the IPCC/IOPC", old.ReferredToIpcc, c.ReferredToIpcc);
        }

        var allegations = await LoadAsync(db.Allegations, b.Allegations.Select(a => a.Id), (q, ids) => q.Where(a => ids.Contains(a.Id)), a => a.Id, ct);
        foreach (var a in b.Allegations)
        {
            if (!allegations.TryGetValue(a.Id, out var old))
            {
                if (cases.ContainsKey(a.CaseId)) Note(a.CaseId, $"allegation {a.Id} added ({Vocabulary.Describe(a.Category)})");
                continue;
            }
            var what = $"allegation {a.Id}";
            if (old.CaseId != a.CaseId)
            {
                Note(old.CaseId, $"{what} moved to case {a.CaseId}");
                Note(a.CaseId, $"{what} moved here from case {old.CaseId}");
            }
            Compare(a.CaseId, $"{what} subject", old.StaffId, a.StaffId);
            Compare(a.CaseId, $"{what} category", old.Category, a.Category, code: true);
            Compare(a.CaseId, $"{what} finding", old.Finding, a.Finding, code: true);
            Compare(a.CaseId, $"{what} finalised", old.FinalisedOn, a.FinalisedOn);
        }

        var sanctionCases = b.Sanctions.Select(s => s.CaseId).Where(cases.ContainsKey).ToHashSet(StringComparer.Ordinal);
        var sanctions = (await LoadListAsync(db.Sanctions, sanctionCases, (q, ids) => q.Where(s => ids.Contains(s.CaseId)), ct))
            .ToDictionary(s => (s.CaseId, s.StaffId, s.Outcome));
        foreach (var s in b.Sanctions.Where(s => sanctionCases.Contains(s.CaseId)))
        {
            if (!sanctions.TryGetValue((s.CaseId, s.StaffId, s.Outcome), out var old))
                Note(s.CaseId, $"sanction added: {Vocabulary.Describe(s.Outcome)} for {s.StaffId}");
            else Compare(s.CaseId, $"sanction {Vocabulary.Describe(s.Outcome)} for {s.StaffId} decided", old.DecidedOn, s.DecidedOn);
        }

        var appeals = await LoadAsync(db.Appeals, b.Appeals.Select(a => a.Id), (q, ids) => q.Where(a => ids.Contains(a.Id)), a => a.Id, ct);
        foreach (var a in b.Appeals)
        {
            if (!appeals.TryGetValue(a.Id, out var old))
            {
                if (cases.ContainsKey(a.CaseId)) Note(a.CaseId, $"appeal {a.Id} added ({Vocabulary.Describe(a.AppealType)}, lodged {a.LodgedOn:yyyy-MM-dd})");
                continue;
            }
            var what = $"appeal {a.Id}";
            if (old.CaseId != a.CaseId) Note(a.CaseId, $"{what} moved here from case {old.CaseId}");
            Compare(a.CaseId, $"{what} type", old.AppealType, a.AppealType, code: true);
            Compare(a.CaseId, $"{what} lodged", old.LodgedOn, a.LodgedOn);
            Compare(a.CaseId, $"{what} decided", old.DecidedOn, a.DecidedOn);
            Compare(a.CaseId, $"{what} upheld", old.Upheld, a.Upheld);
        }

        var complainants = await LoadAsync(db.Complainants, b.Complainants.Select(c => c.Id), (q, ids) => q.Where(c => ids.Contains(c.Id)), c => c.Id, ct);
        foreach (var c in b.Complainants)
        {
            if (!complainants.TryGetValue(c.Id, out var old))
            {
                if (cases.ContainsKey(c.CaseId)) Note(c.CaseId, $"complainant {c.Id} added");
                continue;
            }
            var what = $"complainant {c.Id}";
            if (old.CaseId != c.CaseId) Note(c.CaseId, $"{what} moved here from case {old.CaseId}");
            Compare(c.CaseId, $"{what} gender", old.Gender, c.Gender);
            Compare(c.CaseId, $"{what} ethnicity", old.Ethnicity, c.Ethnicity);
            Compare(c.CaseId, $"{what} age band", old.AgeBand, c.AgeBand);
            Compare(c.CaseId, $"{what} home unit", old.HomeUnitId, c.HomeUnitId);
        }
        return changes;

        void Compare<TValue>(string caseId, string field, TValue old, TValue now, bool code = false)
        {
            if (EqualityComparer<TValue>.Default.Equals(old, now)) return;
            Note(caseId, $"{field}: {Show(old, code)} → {Show(now, code)}");
        }
    }

    private static string Show<TValue>(TValue value, bool code) => value switch
    {
        null => "none",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        string s => code ? Vocabulary.Describe(s) : s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static async Task<Dictionary<string, T>> LoadAsync<T>(IQueryable<T> set, IEnumerable<string> ids,
        Func<IQueryable<T>, string[], IQueryable<T>> where, Func<T, string> key, CancellationToken ct) where T : class =>
        (await LoadListAsync(set, ids, where, ct)).ToDictionary(key, StringComparer.Ordinal);

    private static async Task<List<T>> LoadListAsync<T>(IQueryable<T> set, IEnumerable<string> ids,
        Func<IQueryable<T>, string[], IQueryable<T>> where, CancellationToken ct) where T : class
    {
        var rows = new List<T>();
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(Chunk))
            rows.AddRange(await where(set.AsNoTracking(), chunk).ToListAsync(ct));
        return rows;
    }
}
