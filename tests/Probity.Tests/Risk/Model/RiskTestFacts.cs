using Probity.Risk.Facts;

namespace Probity.Tests.Risk.Model;

/// <summary>Small hand-built <see cref="RiskFacts"/> for the risk model tests.</summary>
internal sealed class RiskTestFacts
{
    public List<RiskStaff> Staff { get; } = [];
    public List<RiskAllegation> Allegations { get; } = [];
    public List<RiskSanction> Sanctions { get; } = [];
    public List<RiskInterest> Interests { get; } = [];
    public List<RiskExposure> Exposure { get; } = [];
    public List<RiskPosting> Postings { get; } = [];

    public RiskTestFacts Officer(string id, string unit = "u1", string rank = "PC", DateOnly? joined = null, DateOnly? left = null, string type = "officer")
    {
        Staff.Add(new RiskStaff(id, id, type, rank, unit, joined ?? new DateOnly(2010, 1, 1), left, "rv", new DateOnly(2030, 1, 1)));
        return this;
    }

    public RiskTestFacts Allegation(string staff, DateOnly received, string category = "incivility", string? finding = null, DateOnly? finalised = null,
        string caseType = "public_complaint", string? caseId = null)
    {
        Allegations.Add(new RiskAllegation(staff, caseId ?? $"c{Allegations.Count}", caseType, category, received, finding, finalised, null));
        return this;
    }

    public RiskTestFacts Activity(string staff, DateOnly from, int months, int arrests, int calls = 40, decimal hours = 150, int stops = 5, int force = 1)
    {
        for (var m = 0; m < months; m++)
            Exposure.Add(new RiskExposure(staff, from.AddMonths(m).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), hours, calls, arrests, stops, force));
        return this;
    }

    public RiskFacts Build() => new()
    {
        Staff = Staff,
        Units = [new RiskUnit("u1", "Unit 1", "borough", null), new RiskUnit("u2", "Unit 2", "borough", null)],
        Allegations = Allegations,
        Sanctions = Sanctions,
        BusinessInterests = Interests,
        Exposure = Exposure,
        Postings = Postings,
    };
}
