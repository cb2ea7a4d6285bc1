using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Probity.Database;

/// <summary>Moments stored as UTC ticks, so SQLite orders and compares them in SQL as PostgreSQL does.</summary>
internal static class StoredTicks
{
    public static readonly ValueConverter<DateTimeOffset, long> Ticks = new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
    public static readonly ValueConverter<DateTimeOffset?, long?> NullableTicks = new(v => v.HasValue ? v.Value.UtcTicks : null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
}
