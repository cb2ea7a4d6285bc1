using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.RelateCases;

/// <summary>
/// Cases that belong together (issue 13 item 3): a second complaint about the same incident, the same complainant's
/// earlier complaint, another case about the same officer. Linking and unlinking each go on both cases' timelines with
/// the reason, and on the trail.
/// </summary>
/// <remarks>
/// Need-to-know: only a case the person may open can be named (a restricted or hidden case answers as one that does not
/// exist), and a link is shown only to readers who may open both cases (ProbityDb's filter on <see cref="CaseLink"/>).
/// A timeline quoting a case its reader may not open shows it withheld (<see cref="ViewCase.ViewCaseHandler"/>).
/// </remarks>
internal sealed class RelateCasesHandler(CaseEditing editing, Audit audit, TimeProvider time)
{
    public const string RelatedField = "Related case";

    internal sealed record Link(string CaseId, Guid Version, string? RelatedCase, string? Relation, string? Reason);

    internal sealed record Unlink(string CaseId, Guid Version, long LinkId, string? Reason);

    public async Task<string> LinkAsync(Link cmd, CancellationToken ct)
    {
        var reason = RequireReason(cmd.Reason, "relating the cases");
        if (cmd.Relation is null || !CaseRelations.Names.ContainsKey(cmd.Relation))
            throw new ActionRefusedException($"Relation: choose one of {string.Join(", ", CaseRelations.Names.Values).ToLowerInvariant()}.");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        var typed = (cmd.RelatedCase ?? "").Trim();
        if (typed.Length == 0) throw new ActionRefusedException($"{RelatedField}: give the reference of the case this one is related to.");
        if (string.Equals(typed, c.Id, StringComparison.OrdinalIgnoreCase)) throw new ActionRefusedException($"{RelatedField}: a case cannot be related to itself.");
        var db = editing.Db;
        // Through the need-to-know filter: a case the person may not open is answered exactly as one that does not exist.
        var other = await db.Cases.FirstOrDefaultAsync(x => x.Id == typed, ct)
            ?? throw new ActionRefusedException($"{RelatedField}: there is no case '{typed}' that you may open.");
        var (low, high) = string.CompareOrdinal(c.Id, other.Id) < 0 ? (c.Id, other.Id) : (other.Id, c.Id);
        if (await db.CaseLinks.AnyAsync(l => l.CaseId == low && l.RelatedCaseId == high, ct))
            throw new ActionRefusedException($"{RelatedField}: cases {c.Id} and {other.Id} are already related.");
        db.CaseLinks.Add(new CaseLink { CaseId = low, RelatedCaseId = high, Relation = cmd.Relation, Reason = reason, LinkedBy = db.Scope.Actor, LinkedAt = time.GetUtcNow() });
        var relation = CaseRelations.Names[cmd.Relation].ToLowerInvariant();
        Note(other, "case_related", $"Related to case {c.Id} ({relation})", reason);
        await editing.SaveAsync(c, "case_related", $"Related to case {other.Id} ({relation})", editing.Today, reason, ct);
        return other.Id;
    }

    public async Task<string> UnlinkAsync(Unlink cmd, CancellationToken ct)
    {
        var reason = RequireReason(cmd.Reason, "removing the link");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        var db = editing.Db;
        var link = await db.CaseLinks.FirstOrDefaultAsync(l => l.Id == cmd.LinkId && (l.CaseId == c.Id || l.RelatedCaseId == c.Id), ct)
            ?? throw new ActionRefusedException($"Link: case {c.Id} has no such related case.");
        var otherId = link.CaseId == c.Id ? link.RelatedCaseId : link.CaseId;
        var other = await db.Cases.FirstAsync(x => x.Id == otherId, ct); // the filter above already required both to be visible
        db.CaseLinks.Remove(link);
        Note(other, "case_unrelated", $"No longer related to case {c.Id}", reason);
        await editing.SaveAsync(c, "case_unrelated", $"No longer related to case {other.Id}", editing.Today, reason, ct);
        return other.Id;
    }

    /// <summary>The other case's side: its timeline and trail say so too, and a form open on it is now stale.</summary>
    private void Note(Case other, string kind, string detail, string reason)
    {
        editing.Db.CaseEvents.Add(new CaseEvent
        {
            CaseId = other.Id, Kind = kind, Detail = detail, Reason = reason, OccurredOn = editing.Today, RecordedAt = time.GetUtcNow(), Actor = editing.Db.Scope.Actor,
        });
        other.Version = Guid.NewGuid();
        audit.Change("update", "case:" + other.Id, $"{kind}: {detail}");
    }

    private static string RequireReason(string? reason, string what) =>
        CaseEditing.Readable(reason) ?? throw new ActionRefusedException($"Reason: say why, for both cases' timelines ({what}).");
}

/// <summary>How two cases are related, in the words the case page shows.</summary>
internal static class CaseRelations
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["same_incident"] = "Same incident", ["same_complainant"] = "Same complainant", ["same_officer"] = "Same officer", ["other"] = "Otherwise related",
    };

    public static string Describe(string code) => Names.GetValueOrDefault(code, code);
}
