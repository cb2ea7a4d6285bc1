namespace Probity.Cases.Contracts;

/// <summary>
/// A borough's complaints as shared figures, for the Professional Standards Support Programme's packs and its trends
/// before and after a delivery: always read from the shared view of cases (no restricted case, whoever asks), so a figure
/// or a name taken from it cannot reveal a need-to-know case. Not audited: callers record what they show.
/// </summary>
internal interface IComplaintFigures
{
    /// <summary>
    /// Public complaints received from <paramref name="from"/> to <paramref name="to"/> (both included) that arose in, or
    /// are handled by, one of <paramref name="unitIds"/>.
    /// </summary>
    Task<IReadOnlyList<ComplaintFigure>> ReceivedAsync(IReadOnlySet<string> unitIds, DateOnly from, DateOnly to, CancellationToken ct);
}

/// <summary>One complaint, reduced to what a shared figure needs: when it came in, the allegations' categories and subject officers, and how many complained.</summary>
internal sealed record ComplaintFigure(DateOnly ReceivedOn, IReadOnlyList<ComplaintAllegation> Allegations, int Complainants);

/// <summary>An allegation's category and its subject (null when not yet identified).</summary>
internal sealed record ComplaintAllegation(string Category, string? StaffId);
