using Probity.Cases.Contracts;
using Probity.Risk.Thresholds;

namespace Probity.Risk.Flags;

/// <summary>
/// Flags come from the shared view, so they can quote cases a reader may not open: a flag's evidence can name a case
/// about the reader themself (or one live for oversight), and a watch-list flag quotes the meeting's notes, which can
/// name any case. Before a page shows flags it withholds those references (<see cref="CaseReferences"/>).
/// </summary>
internal static class FlagReferences
{
    /// <summary>The flags as the reader may see them: hidden case ids left out of the evidence and withheld from the explanation.</summary>
    public static async Task<IReadOnlyList<RiskFlag>> ForReaderAsync(this CaseReferences references, IReadOnlyList<RiskFlag> flags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(flags);
        var hidden = await references.HiddenAsync(flags.SelectMany(f => f.Evidence.Concat(CaseReferences.Words(f.Explanation))), ct);
        if (hidden.Count == 0) return flags;
        return [.. flags.Select(f => f with { Evidence = [.. f.Evidence.Where(c => !hidden.Contains(c))], Explanation = CaseReferences.Redact(f.Explanation, hidden)! })];
    }
}
