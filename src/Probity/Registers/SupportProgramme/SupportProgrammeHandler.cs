using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Infrastructure.Web;
using Probity.Kernel;
using Probity.Registers.Contracts;
using Probity.Workforce.Contracts;

namespace Probity.Registers.SupportProgramme;

/// <summary>
/// The Professional Standards Support Programme's register: every borough with its last delivery and the deliveries of
/// the last twelve months; recording a delivery (date, audience, topics) and correcting one under the version the
/// person saw. Every read and change is audited.
/// </summary>
internal sealed class SupportProgrammeHandler(ProbityDb db, Audit audit, TimeProvider time, UnitDirectory directory)
{
    private const string Conflict = "The delivery was changed by someone else since you opened it. Reload and try again.";

    internal sealed record Row(Unit Borough, int? Population, DateOnly? LastDelivered, int InYear);
    internal sealed record View(IReadOnlyList<Row> Boroughs, ChoiceList Choices, IReadOnlyList<(SupportDelivery Delivery, string Borough)> Recent);

    public async Task<View> HandleAsync(CancellationToken ct)
    {
        var all = await directory.AllAsync(ct);
        var boroughs = all.Where(u => u.Kind == "borough").OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var since = time.Today().AddMonths(-12);
        var stats = await db.SupportDeliveries.AsNoTracking().GroupBy(d => d.UnitId)
            .Select(g => new { Unit = g.Key, Last = g.Max(d => d.DeliveredOn), InYear = g.Count(d => d.DeliveredOn > since) }).ToDictionaryAsync(x => x.Unit, ct);
        var recent = await db.SupportDeliveries.AsNoTracking().OrderByDescending(d => d.DeliveredOn).ThenBy(d => d.Id).Take(20).ToListAsync(ct);
        var names = all.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        await audit.RecordAsync("view", "support_programme", $"{boroughs.Count} boroughs, {recent.Count} recent deliveries", ct);
        return new View(boroughs.Select(b => new Row(b, b.ResidentPopulation, stats.GetValueOrDefault(b.Id)?.Last, stats.GetValueOrDefault(b.Id)?.InYear ?? 0)).ToList(),
            UnitDirectory.Choices(boroughs), recent.Select(d => (d, names.GetValueOrDefault(d.UnitId, d.UnitId))).ToList());
    }

    internal sealed record Delivery(string? Borough, DateOnly? DeliveredOn, string? Audience, string? Topics, string? Notes);

    public async Task<SupportDelivery> RecordAsync(Delivery d, CancellationToken ct)
    {
        var unitId = await BoroughAsync(d.Borough, ct);
        var delivery = new SupportDelivery
        {
            Id = "SD-" + Guid.NewGuid().ToString("n")[..12], UnitId = unitId, DeliveredOn = DeliveredOn(d.DeliveredOn),
            Audience = RegisterText.Required(d.Audience, "Audience", 500), Topics = RegisterText.Required(d.Topics, "Topics", 2000),
            Notes = RegisterText.Optional(d.Notes, "Notes", 4000), RecordedBy = db.Scope.Actor, RecordedAt = time.GetUtcNow(),
        };
        db.SupportDeliveries.Add(delivery);
        audit.Change("create", "support_delivery:" + delivery.Id, $"{unitId} on {delivery.DeliveredOn:yyyy-MM-dd}: {delivery.Topics}");
        await db.SaveChangesAsync(ct);
        return delivery;
    }

    /// <summary>
    /// Corrects a delivery's date, audience, topics or notes (a typing slip); the borough stays. Only a delivery to the
    /// borough whose pack the form was on (the borough in the URL): another borough's is not found, as one that does not exist.
    /// </summary>
    public async Task<SupportDelivery> CorrectAsync(string boroughId, string id, Guid version, Delivery d, CancellationToken ct)
    {
        var delivery = await db.SupportDeliveries.FirstOrDefaultAsync(x => x.Id == id && x.UnitId == boroughId, ct)
            ?? throw new RecordNotFoundException($"Delivery {id} to borough {boroughId}");
        if (delivery.Version != version) throw new EditConflictException(Conflict);
        delivery.DeliveredOn = DeliveredOn(d.DeliveredOn);
        delivery.Audience = RegisterText.Required(d.Audience, "Audience", 500);
        delivery.Topics = RegisterText.Required(d.Topics, "Topics", 2000);
        delivery.Notes = RegisterText.Optional(d.Notes, "Notes", 4000);
        delivery.Version = Guid.NewGuid();
        audit.Change("correct", "support_delivery:" + id, $"on {delivery.DeliveredOn:yyyy-MM-dd}: {delivery.Topics}");
        await db.SaveChangesOrConflictAsync(Conflict, ct);
        return delivery;
    }

    private DateOnly DeliveredOn(DateOnly? on)
    {
        var d = RegisterDates.Require(on ?? throw new ActionRefusedException("Delivered on: required."), "Delivered on");
        if (d > time.Today()) throw new ActionRefusedException("Delivered on: cannot be after today (record a delivery once it has taken place).");
        return d;
    }

    private async Task<string> BoroughAsync(string? typed, CancellationToken ct)
    {
        var id = await directory.ChooseAsync(typed, "Borough", handlingOnly: false, ct);
        var unit = (await directory.AllAsync(ct)).First(u => u.Id == id);
        if (unit.Kind != "borough") throw new ActionRefusedException($"Borough: the programme is delivered to a borough; {unit.Name} is a {Vocabulary.Describe(unit.Kind).ToLowerInvariant()}.");
        return id;
    }
}
