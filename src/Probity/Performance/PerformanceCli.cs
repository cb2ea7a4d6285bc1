using System.CommandLine;
using Probity.Database;
using Probity.Infrastructure;
using Probity.Infrastructure.Time;

namespace Probity.Performance;

/// <summary>probity pmf: the Performance Management Framework's measures, as text or JSON.</summary>
internal static class PerformanceCli
{
    public static Command Build(string[] args, Func<string[], Func<IServiceProvider, Task<int>>, Task<int>> withServices)
    {
        var pmfAsOf = new Option<DateOnly?>("--as-of") { Description = "The date the figures are for (default today)" }.InCalendar();
        var pmfPeriod = new Option<string>("--period") { Description = "12m | 3m | q | 2010-Q3 | 2010-01-01..2010-03-31", DefaultValueFactory = _ => "12m" }
            .Refusing((value, r) => Measures.Period.Parse(value, r.Parent?.GetValue(pmfAsOf) is { } d && WorkingDays.Covers(d) ? d : TimeProvider.System.Today()).RequireCovered());
        var pmfUnit = new Option<string?>("--unit") { Description = "A unit id (the unit and everything below it); default the whole force" };
        var pmfJson = new Option<bool>("--json") { Description = "Print the measures as JSON (schema: README)" };
        var pmf = new Command("pmf", "The Performance Management Framework's measures for a period") { pmfAsOf, pmfPeriod, pmfUnit, pmfJson };
        pmf.SetAction((p, ct) => withServices(args, async sp =>
        {
            var asOf = WorkingDays.RequireCovered(p.GetValue(pmfAsOf) ?? TimeProvider.System.Today(), "--as-of");
            var period = Measures.Period.Parse(p.GetValue(pmfPeriod)!, asOf);
            var facts = await sp.GetRequiredService<Facts.FactsCache>().GetAsync(ct, fresh: true);
            var result = sp.GetRequiredService<Measures.PmfCalculator>().Compute(facts, period, p.GetValue(pmfUnit), reader: sp.GetRequiredService<ProbityDb>().Scope);
            result = result with { Excluded = await sp.GetRequiredService<Cases.Contracts.CaseReferences>().VisibleAsync(result.Excluded, e => e.Warning.CaseId, ct) };
            await sp.GetRequiredService<AuditTrail.Contracts.Audit>().RecordAsync("export", "performance", $"pmf {period.Label} scope={result.Scope}", ct);
            var comparators = sp.GetRequiredService<Comparators.ComparatorSet>();
            if (p.GetValue(pmfJson))
            {
                // The JSON is for other systems and boards: published, so its small counts, in tables and headline measures, are
                // suppressed (ADR 0032 and its addendum). The text is the analyst's working view, as the dashboard.
                var published = Measures.PublishedFigures.Publish(sp.GetRequiredService<Contracts.SmallCellRule>(), result);
                Console.WriteLine(Measures.PmfJson.Serialize(published, asOf, comparators.Source));
                return 0;
            }
            Console.WriteLine($"{result.ScopeName}, {period.Label}");
            foreach (var m in result.Measures)
                Console.WriteLine($"  {m.Definition.Title,-58} {m.Current.Value,10:N1} {m.LastPeriod.Arrow}{(m.LastPeriod.Significant ? "*" : " ")}  target {m.Target?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "-",5}  {m.Rag}");
            Console.WriteLine("  * change from the previous period is statistically significant (95%)");
            return 0;
        }));
        return pmf;
    }
}
