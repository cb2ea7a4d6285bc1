using Microsoft.Extensions.Configuration;
using Probity.Risk.Facts;
using Probity.Risk.Model;
using F = Probity.Risk.Model.RiskFeatures;

namespace Probity.Tests.Risk.Model;

/// <summary>The outcome (new misconduct, not how open cases end) and the censoring rules.</summary>
public sealed class RiskOutcomeTests
{
    private static readonly DateOnly T = new(2022, 6, 30);
    private static readonly RiskOutcome Outcome = new();

    private static OutcomeState StateOf(RiskFacts facts, string id, DateOnly? knownBy = null)
    {
        var features = new F(facts);
        var officers = features.ServingOfficers(T);
        return features.Outcomes(Outcome, T, officers, knownBy)[Array.IndexOf(officers, facts.StaffIndex[id])];
    }

    [Fact]
    public void Only_a_new_allegation_in_the_window_later_substantiated_or_sanctioned_is_an_outcome()
    {
        var b = new RiskTestFacts().Officer("inside").Officer("outside").Officer("open_before").Officer("sanctioned").Officer("cleared").Officer("grievance").Officer("old_sanction")
            .Allegation("inside", T.AddDays(1), "theft", "substantiated", T.AddMonths(20))
            .Allegation("outside", T.AddMonths(12).AddDays(1), "theft", "substantiated", T.AddMonths(14))
            // Received before the date, substantiated inside the window: how an open case ends is not new misconduct.
            .Allegation("open_before", T.AddDays(-10), "theft", "substantiated", T.AddMonths(3))
            .Allegation("sanctioned", T.AddMonths(2), "incivility", "not_substantiated", T.AddMonths(5), caseId: "cs")
            .Allegation("cleared", T.AddMonths(2), "theft", "not_substantiated", T.AddMonths(5))
            .Allegation("grievance", T.AddMonths(2), "other", "substantiated", T.AddMonths(5), caseType: "grievance")
            .Allegation("old_sanction", T.AddDays(-30), "theft", null, null, caseId: "co");
        b.Sanctions.Add(new RiskSanction("sanctioned", "cs", "written_warning", T.AddMonths(6)));
        // A sanction decided in the window on a case received before it: the old outcome counted it, the new does not.
        b.Sanctions.Add(new RiskSanction("old_sanction", "co", "final_written_warning", T.AddMonths(4)));
        b.Sanctions.Add(new RiskSanction("cleared", "cx", "no_action", T.AddMonths(6)));
        var facts = b.Build();

        Assert.Equal(OutcomeState.Adverse, StateOf(facts, "inside"));
        Assert.Equal(OutcomeState.None, StateOf(facts, "outside"));
        Assert.Equal(OutcomeState.None, StateOf(facts, "open_before"));
        Assert.Equal(OutcomeState.Adverse, StateOf(facts, "sanctioned"));
        Assert.Equal(OutcomeState.None, StateOf(facts, "cleared"));
        Assert.Equal(OutcomeState.None, StateOf(facts, "grievance"));
        Assert.Equal(OutcomeState.None, StateOf(facts, "old_sanction"));
    }

    [Fact]
    public void At_a_cut_an_outcome_not_yet_known_is_unresolved_not_none()
    {
        var b = new RiskTestFacts().Officer("late").Officer("known").Officer("open").Officer("mixed")
            .Allegation("late", T.AddMonths(3), "theft", "substantiated", T.AddMonths(30))
            .Allegation("known", T.AddMonths(3), "theft", "substantiated", T.AddMonths(8))
            .Allegation("open", T.AddMonths(3), "theft")
            // One allegation known substantiated, another still open: the known outcome decides.
            .Allegation("mixed", T.AddMonths(1), "theft")
            .Allegation("mixed", T.AddMonths(2), "theft", "substantiated", T.AddMonths(6));
        var facts = b.Build();
        var cut = T.AddMonths(24);
        Assert.Equal(OutcomeState.Unresolved, StateOf(facts, "late", cut));
        Assert.Equal(OutcomeState.Adverse, StateOf(facts, "late")); // eventually
        Assert.Equal(OutcomeState.Adverse, StateOf(facts, "known", cut));
        Assert.Equal(OutcomeState.Unresolved, StateOf(facts, "open", cut));
        Assert.Equal(OutcomeState.Unresolved, StateOf(facts, "open")); // still open at the end of the data
        Assert.Equal(OutcomeState.Adverse, StateOf(facts, "mixed", cut));
    }

    [Fact]
    public void An_undated_finding_is_known_twelve_months_after_receipt()
    {
        var facts = new RiskTestFacts().Officer("a").Allegation("a", T.AddMonths(2), "theft", "substantiated", finalised: null).Build();
        Assert.Equal(OutcomeState.Unresolved, StateOf(facts, "a", T.AddMonths(13)));
        Assert.Equal(OutcomeState.Adverse, StateOf(facts, "a", T.AddMonths(14)));
        var allegation = Assert.Single(facts.Allegations);
        Assert.Equal(T.AddMonths(14), allegation.FindingKnownOn);
        Assert.Null(allegation.FindingOn(T.AddMonths(13)));
    }

    [Fact]
    public void Training_windows_end_the_maturity_period_before_the_cut_and_test_windows_before_the_end_of_the_data()
    {
        var options = new RiskEvaluationOptions();
        var start = new DateOnly(2015, 1, 1);
        var training = RiskEvaluation.TrainingDates(new DateOnly(2020, 12, 31), start, options);
        // Window 12 months + maturity 12 months before the cut, then yearly, each with a year of history behind it.
        Assert.Equal([new DateOnly(2018, 12, 31), new DateOnly(2017, 12, 31), new DateOnly(2016, 12, 31)], training);
        Assert.All(training, d => Assert.True(d.AddMonths(options.Outcome.WindowMonths + options.Outcome.MaturityMonths) <= new DateOnly(2020, 12, 31)));

        var tests = RiskEvaluation.TestDates(start, new DateOnly(2021, 12, 31), options);
        Assert.Equal([new DateOnly(2017, 12, 31), new DateOnly(2018, 12, 31), new DateOnly(2019, 12, 31)], tests);
        Assert.Equal(new DateOnly(2019, 12, 31), tests[^1]); // + window + maturity = the end of the data
        Assert.Empty(RiskEvaluation.TestDates(start, new DateOnly(2019, 12, 30), options)); // 59 months: not enough
    }

    [Fact]
    public void Training_leaves_out_officers_whose_outcome_was_unresolved_at_the_cut()
    {
        var b = new RiskTestFacts();
        var s = new DateOnly(2019, 6, 30);
        for (var i = 0; i < 400; i++)
        {
            b.Officer($"o{i}");
            b.Allegation($"o{i}", s.AddMonths(-3), "incivility", "not_substantiated", s.AddMonths(-1));
            if (i % 10 == 0) b.Allegation($"o{i}", s.AddMonths(2), "theft", "substantiated", s.AddMonths(6));
            else if (i % 10 == 1) b.Allegation($"o{i}", s.AddMonths(2), "theft"); // still open at the cut
        }
        var facts = b.Build();
        var features = new F(facts);
        var snapshot = features.Build(s);
        var states = features.Outcomes(new RiskOutcome(), s, snapshot.Officers, knownBy: s.AddMonths(24));
        var model = RiskModel.Train([(snapshot, states)], trees: 10);
        Assert.Equal(40, model.TrainingLeftOut);
        Assert.Equal(360, model.TrainingRows);
        Assert.Equal(40, model.TrainingPositives);
    }

    [Fact]
    public void An_officer_with_no_joining_date_serves_from_the_first_record_naming_them()
    {
        var b = new RiskTestFacts();
        b.Staff.Add(new RiskStaff("undated", "undated", "officer", null, "u1", null, null, null, null));
        b.Staff.Add(new RiskStaff("quiet", "quiet", "officer", null, "u1", null, null, null, null));
        b.Allegation("undated", T.AddMonths(3));
        var features = new F(b.Build());
        Assert.DoesNotContain(0, features.ServingOfficers(T)); // complained about only later: not known to be serving yet
        Assert.Contains(0, features.ServingOfficers(T.AddMonths(3)));
        Assert.Contains(1, features.ServingOfficers(T)); // no record at all: throughout
    }

    [Fact]
    public void The_outcome_is_configurable_and_a_wrong_setting_is_refused_by_name()
    {
        var configured = RiskOutcome.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Probity:Risk:Outcome:WindowMonths"] = "24", ["Probity:Risk:Outcome:Sanctions"] = "false",
            ["Probity:Risk:Outcome:Findings"] = "substantiated,locally_resolved", ["Probity:Risk:Outcome:MaturityMonths"] = "6",
        }).Build());
        Assert.Equal(24, configured.WindowMonths);
        Assert.False(configured.Sanctions);
        Assert.Equal(["substantiated", "locally_resolved"], configured.Findings);
        Assert.Equal(6, configured.MaturityMonths);
        Assert.Contains("received in the 24 months after the date that is later substantiated or locally resolved", configured.Describe(), StringComparison.Ordinal);

        var wrong = Assert.Throws<InvalidDataException>(() => RiskOutcome.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            { ["Probity:Risk:Outcome:Findings"] = "guilty" }).Build()));
        Assert.Contains("Probity:Risk:Outcome:Findings: 'guilty' is not a finding", wrong.Message, StringComparison.Ordinal);
        var window = Assert.Throws<InvalidDataException>(() => RiskOutcome.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            { ["Probity:Risk:Outcome:WindowMonths"] = "0" }).Build()));
        Assert.Contains("Probity:Risk:Outcome:WindowMonths must be a whole number from 1 to 60 (it is '0')", window.Message, StringComparison.Ordinal);
    }
}
