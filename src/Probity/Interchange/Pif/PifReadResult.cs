using Probity.Interchange.Contracts;

namespace Probity.Interchange.Pif;

/// <summary>What reading a bundle found. The bundle is only fit to import when <see cref="Errors"/> is empty.</summary>
internal sealed record PifReadResult(PifBundle Bundle, IReadOnlyList<PifIssue> Errors, IReadOnlyList<PifIssue> Warnings)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>How far reading one file has got. <see cref="BytesRead"/> and <see cref="TotalBytes"/> count the bytes as stored (compressed for .gz).</summary>
internal sealed record PifProgress(string File, long RowsRead, long BytesRead, long? TotalBytes);

/// <summary>
/// Collects issues. Every error found is counted, but only the first <see cref="Cap"/> are kept (then one "… and N more"),
/// so a garbage file of millions of bad rows cannot exhaust memory or bury the report.
/// </summary>
internal sealed class IssueLog(int cap = IssueLog.DefaultCap)
{
    public const int DefaultCap = 1000;

    private readonly List<PifIssue> _errors = [];
    private readonly List<PifIssue> _warnings = [];
    private long _errorCount;
    private long _warningCount;

    public int Cap { get; } = cap;
    public long ErrorCount => _errorCount;

    public void Error(string file, int line, string? column, string reason)
    {
        if (_errorCount++ < Cap) _errors.Add(new PifIssue(file, line, column, reason));
    }

    public void Warning(string file, int line, string? column, string reason)
    {
        if (_warningCount++ < Cap) _warnings.Add(new PifIssue(file, line, column, reason, IsWarning: true));
    }

    public (IReadOnlyList<PifIssue> Errors, IReadOnlyList<PifIssue> Warnings) Finish()
    {
        var errors = new List<PifIssue>(_errors);
        if (_errorCount > Cap) errors.Add(new PifIssue("", 0, null, $"… and {_errorCount - Cap:N0} more errors (only the first {Cap:N0} are listed)"));
        var warnings = new List<PifIssue>(_warnings);
        if (_warningCount > Cap) warnings.Add(new PifIssue("", 0, null, $"… and {_warningCount - Cap:N0} more warnings (only the first {Cap:N0} are listed)", IsWarning: true));
        return (errors, warnings);
    }
}
