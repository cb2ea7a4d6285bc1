using System.Globalization;
using Probity.Risk.Facts;

namespace Probity.Risk.Model;

/// <summary>
/// What the store lacks that the model or the fairness figures would use, in words. Most real exports carry no activity
/// data and many no finalisation dates: the model still runs on what there is (missing values are "unknown" to the trees),
/// and says what it could not take into account.
/// </summary>
internal static class RiskDataGaps
{
    public static IReadOnlyList<string> Of(RiskFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var c = CultureInfo.InvariantCulture;
        var gaps = new List<string>();
        var officers = facts.Staff.Where(s => s.StaffType == "officer").ToList();
        if (facts.Exposure.Count == 0)
            gaps.Add("No activity data (exposure.csv): complaints cannot be put in proportion to arrests, calls, hours on duty or stop and searches, " +
                     "so busy officers rank higher on counts alone; read a high count with the officer's duties in mind.");
        if (facts.Postings.Count == 0)
            gaps.Add("No posting history: the unit an officer belonged to at each date is the one recorded today, and moves between units are not counted.");
        if (officers.Count > 0)
        {
            var joined = officers.Count(s => s.JoinedOn is not null);
            if (joined < officers.Count)
                gaps.Add(joined == 0
                    ? "No joining dates: length of service is unknown (not used by the model, no service bands in the fairness figures), and an officer counts as serving from the first record that names them."
                    : string.Create(c, $"{officers.Count - joined:N0} of {officers.Count:N0} officers have no joining date: their length of service is unknown and they count as serving from the first record that names them."));
            if (officers.All(s => s.VettingExpiresOn is null)) gaps.Add("No vetting dates: lapsed vetting cannot be taken into account.");
            if (officers.All(s => s.Ethnicity is null or "not_stated")) gaps.Add("No ethnicity recorded: the fairness figures cannot be given by ethnicity.");
            if (officers.All(s => s.Gender is null or "not_stated")) gaps.Add("No gender recorded: the fairness figures cannot be given by gender.");
            if (officers.All(s => s.Rank is null)) gaps.Add("No ranks: officers are compared with everyone in their unit rather than with their own rank.");
        }
        var decided = facts.Allegations.Count(a => a.Finding is not null);
        var undated = facts.Allegations.Count(a => a.Finding is not null && a.FinalisedOn is null);
        if (decided > 0 && undated > 0)
            gaps.Add(string.Create(c, $"{undated:N0} of {decided:N0} findings have no finalisation date: each is taken as known {RiskAllegation.UndatedFindingMonthsDefault} months after the complaint was received (an assumption; see the ADR on the risk outcome)."));
        if (facts.Sanctions.Count > 0 && facts.Sanctions.All(s => s.DecidedOn is null))
            gaps.Add("No sanction dates: sanctions count from when their allegation's finding is taken as known.");
        if (facts.BusinessInterests.Count == 0) gaps.Add("No business interests register.");
        return gaps;
    }
}
