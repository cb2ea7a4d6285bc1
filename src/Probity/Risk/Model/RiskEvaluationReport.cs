using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Probity.Risk.Model;

/// <summary>An evaluation as people read it (Markdown: <c>probity risk evaluate</c>, bench/README) and as machines do (JSON, <c>probity-risk-evaluation/1</c>).</summary>
internal static class RiskEvaluationReport
{
    public const string Schema = "probity-risk-evaluation/1";
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Percent(Estimate e) => double.IsNaN(e.Value) ? "n/a"
        : double.IsFinite(e.Low) ? string.Create(C, $"{e.Value * 100:0.0}% ({e.Low * 100:0.0}–{e.High * 100:0.0})") : string.Create(C, $"{e.Value * 100:0.0}%");

    public static string Ratio(Estimate e) => !double.IsFinite(e.Value) ? "n/a"
        : double.IsFinite(e.Low) ? string.Create(C, $"{e.Value:0.00}x ({e.Low:0.00}–{(double.IsFinite(e.High) ? e.High.ToString("0.00", C) : "∞")})") : string.Create(C, $"{e.Value:0.00}x");

    public static string ToMarkdown(RiskEvaluationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        sb.AppendLine("# Risk model evaluation");
        sb.AppendLine();
        sb.AppendLine(C, $"Outcome: {r.Outcome.Describe()}. Allegations still open at the as-at date are features, never outcomes.");
        sb.AppendLine(C, $"Censoring: a model used at date t trains on windows that ended at least {r.Outcome.MaturityMonths} months before t, leaving out officers whose window still held an unresolved allegation at t; each test window also ended {r.Outcome.MaturityMonths} months before the end of the data, and is scored on eventual outcomes.");
        sb.AppendLine(C, $"Intervals: 95% bootstrap ({r.Options.BootstrapReplicates:N0} resamples of officers within each test date, seed {r.Options.Seed}). Ties in a ranking are shared out evenly at the alert boundary.");
        if (r.DataGaps.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("What the data lack:");
            foreach (var g in r.DataGaps) sb.AppendLine(C, $"- {g}");
        }
        sb.AppendLine();
        sb.AppendLine("## Verdict");
        sb.AppendLine();
        sb.AppendLine(r.NotEvaluated is null ? r.Choice.Reason : $"Not evaluated: {r.NotEvaluated}. {r.Choice.Reason}");
        if (r.Folds.Count == 0) return sb.ToString();

        sb.AppendLine();
        sb.AppendLine("## Test dates");
        sb.AppendLine();
        sb.AppendLine("| test date | officers | adverse outcomes | still open at the end of the data | trained on (dates) | training rows | of which adverse | left out (unresolved at the cut) | model AUC |");
        sb.AppendLine("|---|--:|--:|--:|---|--:|--:|--:|--:|");
        foreach (var f in r.Folds)
            sb.AppendLine(C, $"| {f.TestDate:yyyy-MM-dd} | {f.Officers:N0} | {f.Adverse:N0} | {f.UnresolvedAtEnd:N0} | {string.Join(", ", f.TrainingDates.Select(d => d.ToString("yyyy-MM-dd", C)))} | {f.TrainingRows:N0} | {f.TrainingAdverse:N0} | {f.TrainingLeftOut:N0} | {f.ModelAuc:0.000} |");
        foreach (var f in r.Folds)
        {
            sb.AppendLine();
            sb.AppendLine(C, $"### {f.TestDate:yyyy-MM-dd}");
            Comparisons(sb, f.Comparisons);
        }
        sb.AppendLine();
        sb.AppendLine(C, $"## All test dates pooled ({r.Folds.Count})");
        Comparisons(sb, r.Overall);
        sb.AppendLine();
        sb.AppendLine(C, $"Simple rankings at the working alert volume ({r.Choice.WorkingVolume:N0} officer-alerts, what \"3 or more in 12 months\" flags):");
        sb.AppendLine();
        sb.AppendLine("| ranking | precision |");
        sb.AppendLine("|---|--:|");
        foreach (var (id, p) in r.Choice.Candidates) sb.AppendLine(C, $"| {RiskBaselines.RankingTitle(id)} | {Percent(p)} |");
        sb.AppendLine();
        sb.AppendLine("## Fairness");
        sb.AppendLine();
        Fairness(sb, r.Fairness);
        return sb.ToString();
    }

    private static void Comparisons(StringBuilder sb, IReadOnlyList<Comparison> comparisons)
    {
        sb.AppendLine();
        sb.AppendLine("| baseline | alert volume | model precision | baseline precision | ratio (model / baseline) | model recall | baseline recall |");
        sb.AppendLine("|---|--:|--:|--:|--:|--:|--:|");
        foreach (var c in comparisons)
            sb.AppendLine(C, $"| {c.BaselineTitle} | {c.Volume:N0} | {Percent(c.ModelPrecision)} | {Percent(c.BaselinePrecision)} | {Ratio(c.Ratio)} | {Percent(c.ModelRecall)} | {Percent(c.BaselineRecall)} |");
    }

    public static void Fairness(StringBuilder sb, FairnessReport f)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(f);
        if (f.Groups.Count == 0) { sb.AppendLine("No officers to compare."); return; }
        sb.AppendLine(FairnessReport.Note);
        sb.AppendLine();
        var hasOutcome = f.Groups.Any(g => g.Outcome is not null);
        sb.Append("| group | officers | share |");
        if (hasOutcome) sb.Append(" adverse outcome rate (ratio to others) |");
        foreach (var s in f.Selections) sb.Append(C, $" {s}: rate (ratio to others) |");
        sb.AppendLine();
        sb.Append("|---|--:|--:|");
        if (hasOutcome) sb.Append("--:|");
        foreach (var _ in f.Selections) sb.Append("--:|");
        sb.AppendLine();
        foreach (var g in f.Groups)
        {
            sb.Append(C, $"| {g.Dimension}: {g.Group} | {g.Officers:N0} | {g.Share * 100:0.0}% |");
            if (hasOutcome) sb.Append(C, $" {(g.Withheld ? "not shown" : Cell(g.Outcome!))} |");
            foreach (var rate in g.Rates) sb.Append(C, $" {(g.Withheld ? "not shown" : Cell(rate))} |");
            sb.AppendLine();
        }
        if (f.AnyLargeDisparity) sb.AppendLine().AppendLine("**LARGE DISPARITY** marks a ratio outside 0.8–1.25 whose interval excludes 1.");
    }

    private static string Cell(GroupRate r) => $"{Percent(r.Rate)} ({Ratio(r.RatioToOthers)}){(r.LargeDisparity ? " **LARGE DISPARITY**" : "")}";

    public static string ToJson(RiskEvaluationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteStartObject("outcome");
            w.WriteString("description", r.Outcome.Describe());
            w.WriteNumber("window_months", r.Outcome.WindowMonths);
            w.WriteNumber("maturity_months", r.Outcome.MaturityMonths);
            Strings(w, "case_types", r.Outcome.CaseTypes);
            Strings(w, "findings", r.Outcome.Findings);
            w.WriteBoolean("sanctions", r.Outcome.Sanctions);
            Strings(w, "sanctions_ignored", r.Outcome.SanctionsIgnored);
            w.WriteEndObject();
            w.WriteNumber("bootstrap_replicates", r.Options.BootstrapReplicates);
            w.WriteNumber("seed", r.Options.Seed);
            Strings(w, "data_gaps", r.DataGaps);
            if (r.NotEvaluated is null) w.WriteNull("not_evaluated"); else w.WriteString("not_evaluated", r.NotEvaluated);
            w.WriteStartObject("ranking");
            w.WriteString("in_use", r.Choice.InUse);
            w.WriteString("in_use_title", r.Choice.InUseTitle);
            w.WriteBoolean("model_in_use", r.Choice.ModelInUse);
            w.WriteString("reason", r.Choice.Reason);
            if (r.Choice.BestBaseline is null) w.WriteNull("best_baseline"); else w.WriteString("best_baseline", r.Choice.BestBaseline);
            w.WritePropertyName("model_to_best");
            if (r.Choice.ModelToBest is null) w.WriteNullValue(); else Est(w, r.Choice.ModelToBest);
            Number(w, "working_volume", r.Choice.WorkingVolume);
            w.WriteStartArray("candidates");
            foreach (var (id, p) in r.Choice.Candidates)
            {
                w.WriteStartObject();
                w.WriteString("ranking", id);
                w.WritePropertyName("precision");
                Est(w, p);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("folds");
            foreach (var f in r.Folds)
            {
                w.WriteStartObject();
                w.WriteString("test_date", f.TestDate.ToString("yyyy-MM-dd", C));
                w.WriteNumber("officers", f.Officers);
                w.WriteNumber("adverse", f.Adverse);
                w.WriteNumber("unresolved_at_end", f.UnresolvedAtEnd);
                Strings(w, "training_dates", [.. f.TrainingDates.Select(d => d.ToString("yyyy-MM-dd", C))]);
                w.WriteNumber("training_rows", f.TrainingRows);
                w.WriteNumber("training_adverse", f.TrainingAdverse);
                w.WriteNumber("training_left_out_unresolved", f.TrainingLeftOut);
                Number(w, "model_auc", f.ModelAuc);
                Comparisons(w, "comparisons", f.Comparisons);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Comparisons(w, "overall", r.Overall);
            w.WriteStartObject("fairness");
            Strings(w, "selections", r.Fairness.Selections);
            w.WriteStartArray("groups");
            foreach (var g in r.Fairness.Groups)
            {
                w.WriteStartObject();
                w.WriteString("dimension", g.Dimension);
                w.WriteString("group", g.Group);
                w.WriteNumber("officers", g.Officers);
                Number(w, "share", g.Share);
                w.WriteBoolean("withheld", g.Withheld);
                w.WritePropertyName("outcome");
                if (g.Outcome is null) w.WriteNullValue(); else Rate(w, g.Outcome);
                w.WriteStartArray("rates");
                foreach (var rate in g.Rates) Rate(w, rate);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Comparisons(Utf8JsonWriter w, string name, IReadOnlyList<Comparison> comparisons)
    {
        w.WriteStartArray(name);
        foreach (var c in comparisons)
        {
            w.WriteStartObject();
            w.WriteString("baseline", c.BaselineId);
            w.WriteString("title", c.BaselineTitle);
            Number(w, "alert_volume", c.Volume);
            w.WritePropertyName("model_precision"); Est(w, c.ModelPrecision);
            w.WritePropertyName("baseline_precision"); Est(w, c.BaselinePrecision);
            w.WritePropertyName("ratio"); Est(w, c.Ratio);
            w.WritePropertyName("model_recall"); Est(w, c.ModelRecall);
            w.WritePropertyName("baseline_recall"); Est(w, c.BaselineRecall);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Rate(Utf8JsonWriter w, GroupRate r)
    {
        w.WriteStartObject();
        w.WriteString("selection", r.Selection);
        w.WriteNumber("selected", r.Selected);
        w.WritePropertyName("rate"); Est(w, r.Rate);
        w.WritePropertyName("ratio_to_others"); Est(w, r.RatioToOthers);
        w.WriteBoolean("large_disparity", r.LargeDisparity);
        w.WriteEndObject();
    }

    private static void Est(Utf8JsonWriter w, Estimate e)
    {
        w.WriteStartObject();
        Number(w, "value", e.Value);
        Number(w, "low", e.Low);
        Number(w, "high", e.High);
        w.WriteEndObject();
    }

    /// <summary>JSON has no NaN or infinity: an undefined figure (no alerts, no positives) is null.</summary>
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 6));
        else w.WriteNull(name);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
