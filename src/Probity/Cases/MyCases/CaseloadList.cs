using Probity.Cases.Contracts;

namespace Probity.Cases.MyCases;

/// <summary>One list of a caseload for <c>_CaseloadList.cshtml</c>: the home page shows the first few, the caseload page all.</summary>
internal sealed record CaseloadList(string TestId, string Caption, string Empty, IReadOnlyList<CaseloadEntry> Entries, int Limit = int.MaxValue, bool ShowInvestigator = false)
{
    /// <summary>How many cases of each list the home page shows.</summary>
    public const int OnHomePage = 10;
}
