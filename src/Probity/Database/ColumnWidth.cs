namespace Probity.Database;

/// <summary>The widths every module's mapping gives its identifiers and vocabulary codes, so a key is as wide wherever it is quoted.</summary>
internal static class ColumnWidth
{
    /// <summary>An identifier (case, allegation, staff, unit, person ...).</summary>
    public const int Id = 64;

    /// <summary>A code from the vocabulary (case type, finding, rank ...).</summary>
    public const int Code = 48;
}
