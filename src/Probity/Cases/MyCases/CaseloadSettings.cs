using System.Globalization;

namespace Probity.Cases.MyCases;

/// <summary>
/// How "my cases" reminds: a case is due soon within <see cref="DueSoonWorkingDays"/> working days of its due date
/// (Probity:Caseloads:DueSoonWorkingDays, default 10), and the daily email digest goes out in the hour starting at
/// <see cref="DigestHour"/> local time (Probity:Caseloads:DigestHour, default 7) where mail is configured; a complainant
/// is due an update <see cref="ComplainantUpdateDays"/> calendar days after the last (Probity:Caseloads:ComplainantUpdateDays,
/// default 28, as the statutory guidance expects), and "my cases" lists those due within a week.
/// </summary>
internal sealed record CaseloadSettings(int DueSoonWorkingDays = 10, int DigestHour = 7, int ComplainantUpdateDays = 28)
{
    public const string Section = "Probity:Caseloads";

    /// <summary>How many days before a complainant's update is due "my cases" starts listing it.</summary>
    public const int UpdateWarningDays = 7;

    /// <summary>
    /// How long after a complainant's update fell due "my cases" keeps it in the list of updates due (about three missed
    /// updates); one overdue longer is counted apart, most recently due first (ADR 0015 addendum).
    /// </summary>
    public const int UpdateOverdueWindowDays = 90;

    public static CaseloadSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        int Int(string key, int fallback, int min, int max)
        {
            var text = configuration[$"{Section}:{key}"];
            if (string.IsNullOrWhiteSpace(text)) return fallback;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                throw new InvalidDataException($"{Section}:{key} must be a whole number from {min} to {max} (it is '{text}').");
            return v;
        }
        return new CaseloadSettings(Int(nameof(DueSoonWorkingDays), 10, 1, 100), Int(nameof(DigestHour), 7, 0, 23), Int(nameof(ComplainantUpdateDays), 28, 1, 365));
    }
}
