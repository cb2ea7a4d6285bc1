namespace Probity.AccessMonitoring.Alerts;

/// <summary>The monitoring codes in the words the unit uses on its pages.</summary>
internal static class AlertWords
{
    public static string Status(string? status) => status switch
    {
        AlertStatus.Open => "Open",
        AlertStatus.Assigned => "Assigned",
        AlertStatus.Dismissed => "Dismissed",
        AlertStatus.Raised => "Raised",
        _ => status ?? "",
    };

    public static string DismissReason(string? reason) => reason switch
    {
        "legitimate_business" => "legitimate business the data did not show",
        "assignment_missing_from_data" => "covered by a tasking missing from the data",
        AlertStatus.Duplicate => "duplicate of another alert",
        "data_error" => "error in the audit log",
        "other" => "other (see the note)",
        _ => reason ?? "",
    };

    public static string Answer(string? answer) => answer switch
    {
        "business_reason_confirmed" => "Business reason confirmed",
        "no_business_reason" => "No business reason",
        "cannot_say" => "Cannot say",
        _ => answer ?? "",
    };
}
