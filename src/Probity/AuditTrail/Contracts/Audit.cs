using Probity.Identity.Contracts;
using Probity.Database;

namespace Probity.AuditTrail.Contracts;

/// <summary>
/// The per-request face of the trail: fills in who and from where. Two calls, one per kind of act:
/// <list type="bullet">
/// <item><see cref="RecordAsync"/> for a read (view, search, export, a refusal): the entry is committed before the call
/// returns, so data is only shown once its reading is on the trail.</item>
/// <item><see cref="Change(string, string, string?)"/> for a write: the entry is staged on the request's <see cref="ProbityDb"/> and committed by
/// its next save in the same transaction as the change — both or neither. A save of case data with nothing staged
/// is refused.</item>
/// </list>
/// </summary>
internal sealed class Audit(AuditTrailWriter writer, CaseAccessScopeSource scope, IHttpContextAccessor http, ProbityDb db)
{
    public Task RecordAsync(string action, string target, string? detail = null, CancellationToken ct = default)
    {
        // The trail's writer would wait for this request's own open transaction (its lock on the trail): a deadlock.
        // Inside a transaction, record with Change, which commits with the transaction.
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("Audit.RecordAsync inside an open transaction would wait on itself; use Audit.Change.");
        if (action is NotFound or ViewMissing) RecordedRefusal = true;
        return writer.RecordAsync(new AuditRecord(scope.Current.Actor, action, target, detail, Client), ct);
    }

    /// <summary>
    /// A read of a record that is not there for the reader (missing, or hidden by need-to-know: the two answer alike):
    /// trying references is itself worth knowing about. <paramref name="kind"/> is the target's prefix ("operation");
    /// an over-long typed id is cut to the column's width.
    /// </summary>
    public Task RecordMissingAsync(string kind, string id, CancellationToken ct = default) =>
        RecordAsync(ViewMissing, Reference(kind, id), null, ct);

    /// <summary>The action of a case or document that is not there for the reader (the case page's, and a refused API call's).</summary>
    public const string NotFound = "not_found";

    private const string ViewMissing = "view_missing";

    /// <summary>
    /// Whether this request has already put its refusal on the trail (a read of a record that is not there for the reader,
    /// or a refusal its handler recorded with <see cref="RecordRefusalAsync"/>): a refused API call (Host's RefusalTrail)
    /// then adds no second entry for the same attempt.
    /// </summary>
    public bool RecordedRefusal { get; private set; }

    /// <summary>A refusal the handler records itself, saying what was tried and why; the API's refusal trail then adds none.</summary>
    public async Task RecordRefusalAsync(string action, string target, string detail, CancellationToken ct = default)
    {
        await RecordAsync(action, target, detail, ct);
        RecordedRefusal = true;
    }

    /// <summary>A record as the trail names it (<c>case:C2009-000123</c>): a typed id cut to the column's width.</summary>
    public static string Reference(string kind, string id) => kind + ":" + (id.Length > ColumnWidth.Id ? id[..ColumnWidth.Id] + "…" : id);

    public void Change(string action, string target, string? detail = null)
    {
        var record = new AuditRecord(scope.Current.Actor, action, target, detail, Client);
        db.StageAudit(() => record);
    }

    /// <summary>A change whose target or detail names a key the database generates on save (evaluated after the write).</summary>
    public void Change(string action, Func<string> target, Func<string?> detail)
    {
        var (actor, client) = (scope.Current.Actor, Client);
        db.StageAudit(() => new AuditRecord(actor, action, target(), detail(), client));
    }

    /// <summary>The actor of every act by a Right Line reporter: nobody, as far as the trail can tell.</summary>
    public const string AnonymousReporter = "anonymous reporter";

    /// <summary>
    /// A read by an anonymous reporter: no actor, no client address, the day only (ADR right-line-anonymity). The trail still
    /// shows that the report was read and that it was its reporter who read it.
    /// </summary>
    public Task RecordAnonymouslyAsync(string action, string target, string? detail = null, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("Audit.RecordAnonymouslyAsync inside an open transaction would wait on itself; use Audit.ChangeAnonymously.");
        return writer.RecordAsync(new AuditRecord(AnonymousReporter, action, target, detail, Client: null, DayOnly: true), ct);
    }

    /// <summary>A change by an anonymous reporter, staged like <see cref="Change(string, string, string?)"/>: no actor, no address, the day only.</summary>
    public void ChangeAnonymously(string action, string target, string? detail = null) =>
        db.StageAudit(() => new AuditRecord(AnonymousReporter, action, target, detail, Client: null, DayOnly: true));

    private string Client => http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? (http.HttpContext is null ? "cli" : "unknown");
}
