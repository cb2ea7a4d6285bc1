using Probity.Infrastructure;
using System.Globalization;
using System.Text;
using Probity.Performance.Facts;
using Probity.Performance.Measures;

namespace Probity.Performance.Report;

internal sealed record IpccRow(string Section, string Item, string Value);

/// <summary>
/// The IPCC quarterly data return: <c>section,item,value</c> rows (layout in README.md beside this file). Counts come
/// from the same observations as the report's measures, so the return and the report always agree.
/// </summary>
internal static class IpccReturn
{
    public static IReadOnlyList<IpccRow> Build(PerformanceFacts facts, PmfResult r, string? unitId)
    {
        var rows = new List<IpccRow>();
        void Add(string section, string item, string value) => rows.Add(new IpccRow(section, item, value));
        void Count(string section, string item, long n) => Add(section, item, n.ToString(CultureInfo.InvariantCulture));
        void Mean(string item, string key) =>
            Add("timeliness", item, r[key].Current.Value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "");
        long V(string key) => (long)(r[key].Current.Value ?? 0);

        Add("return", "period_from", r.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("return", "period_to", r.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("return", "scope", r.Scope);
        Count("cases", "received", V("cases_received"));
        Count("cases", "recorded", V("cases_recorded"));
        Count("cases", "finalised", V("cases_finalised"));
        Count("cases", "live_at_period_end", V("live_cases"));
        Count("cases", "live_past_target_at_period_end", V("live_cases_over_target"));
        Count("allegations", "recorded", V("allegations_recorded"));
        Count("allegations", "finalised", V("allegations_finalised"));
        var investigated = r["pct_investigated"].Current.Numerator;
        var substantiated = r["pct_substantiated"].Current.Numerator;
        Count("allegations_finalised", "locally_resolved", r["pct_locally_resolved"].Current.Numerator);
        Count("allegations_finalised", "investigated", investigated);
        Count("allegations_finalised", "substantiated", substantiated);
        Count("allegations_finalised", "not_substantiated", investigated - substantiated);
        Count("allegations_finalised", "withdrawn", r["pct_withdrawn"].Current.Numerator);
        Count("allegations_finalised", "dispensed_or_discontinued", r["pct_dispensed_or_discontinued"].Current.Numerator);
        Mean("mean_working_days_receipt_to_recording", "days_receipt_to_recording");
        Mean("mean_working_days_recording_to_decision", "days_recording_to_decision");
        Mean("mean_working_days_decision_to_finalisation", "days_decision_to_finalisation");
        Mean("mean_working_days_receipt_to_finalisation", "days_receipt_to_finalisation");
        Mean("mean_working_days_local_resolution", "days_local_resolution");
        Mean("mean_working_days_investigation", "days_investigation");
        Count("appeals", "decided", V("appeals_decided"));
        Count("appeals", "upheld", r["pct_appeals_upheld"].Current.Numerator);

        // Allegations on cases recorded in the quarter, by category code (the same selection as allegations,recorded).
        var scope = PmfCalculator.Scope.Of(facts, unitId);
        var byCategory = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var a in facts.Allegations)
        {
            if (!scope.Cases[a.Case] || !r.Period.Contains(facts.Cases[a.Case].RecordedOn)) continue;
            byCategory[a.Category] = byCategory.GetValueOrDefault(a.Category) + 1;
        }
        foreach (var (category, n) in byCategory) Count("allegations_recorded_by_category", category, n);
        return rows;
    }

    public static byte[] ToCsv(IReadOnlyList<IpccRow> rows)
    {
        var sb = new StringBuilder();
        Csv.Line(sb, ["section", "item", "value"]);
        foreach (var row in rows) Csv.Line(sb, [row.Section, row.Item, row.Value]);
        return Csv.Utf8.GetBytes(sb.ToString());
    }
}
