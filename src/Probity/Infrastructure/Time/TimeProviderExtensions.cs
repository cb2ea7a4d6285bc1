namespace Probity.Infrastructure.Time;

internal static class TimeProviderExtensions
{
    /// <summary>Today's date where the force is (local time): what "today" means for due dates, ages and periods.</summary>
    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().DateTime);
}
