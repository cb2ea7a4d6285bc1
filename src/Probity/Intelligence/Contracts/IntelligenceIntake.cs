namespace Probity.Intelligence.Contracts;

/// <summary>
/// How another module turns what it holds into an intelligence item in one step (an information-misuse alert), keeping
/// its evidence in the item's text and its reference on the item. The caller checks the asker may record intelligence.
/// </summary>
internal interface IIntelligenceIntake
{
    /// <returns>The item's reference, and whether it already existed (an alert becomes one item, however often it is asked).</returns>
    Task<(string ItemId, bool Existing)> FromAlertAsync(AlertIntelligence alert, CancellationToken ct);
}

/// <param name="AlertId">The alert's id.</param>
/// <param name="StaffId">The member of staff the alert is about: the item is linked to them (and hidden from them).</param>
/// <param name="DetectedOn">The day the alert was raised: the item's day, which decides its grading scheme.</param>
/// <param name="Evidence">The alert's explanation and its evidence, as text: copied into the item.</param>
internal sealed record AlertIntelligence(string AlertId, string StaffId, DateOnly DetectedOn, string Evidence);
