using Probity.Kernel;

namespace Probity.AccessMonitoring.Alerts;

/// <summary>Assigns an alert to someone to look into, or dismisses it with a reason (the reason feeds the rule's false-positive rate).</summary>
internal sealed class DecideAlert(AlertEditing editing)
{
    public async Task AssignAsync(string id, Guid version, string? assignee, CancellationToken ct)
    {
        var name = assignee?.Trim();
        if (string.IsNullOrEmpty(name)) throw new ActionRefusedException("Name the person who will look into the alert.");
        if (name.Length > 256) throw new ActionRefusedException("The name is longer than 256 characters.");
        var alert = await editing.LoadAsync(id, version, ct);
        editing.RequireUndecided(alert, "be assigned");
        alert.Status = AlertStatus.Assigned;
        alert.AssignedTo = name;
        await editing.SaveAsync(alert, $"assigned to {name}", ct);
    }

    public async Task DismissAsync(string id, Guid version, string? reason, string? note, CancellationToken ct)
    {
        if (reason is null || !AlertStatus.DismissReasons.Contains(reason))
            throw new ActionRefusedException($"Choose why the alert is dismissed: {string.Join(", ", AlertStatus.DismissReasons.Select(AlertWords.DismissReason))}.");
        // The note is what a reviewer reads later to judge whether the dismissal was sound.
        if (string.IsNullOrWhiteSpace(note)) throw new ActionRefusedException("Write a note saying what was checked and why the access was not misuse.");
        if (note.Length > 4000) throw new ActionRefusedException("The note is longer than 4,000 characters.");
        var alert = await editing.LoadAsync(id, version, ct);
        editing.RequireUndecided(alert, "be dismissed");
        alert.Status = AlertStatus.Dismissed;
        alert.DismissReason = reason;
        alert.Note = note.Trim();
        await editing.SaveAsync(alert, $"dismissed: {reason}: {alert.Note}", ct);
    }
}
