using Probity.Infrastructure.Security;

namespace Probity.AuditTrail;

/// <summary>
/// What every store context needs to write the trail: the keyed chain (its key loaded from the key folder the first
/// time an entry is written, created if the trail is new), the clock, and the head witness kept beside the
/// checkpoints (none for design-time contexts, which never write).
/// </summary>
internal sealed class AuditSealing : IAsyncDisposable
{
    private readonly KeyFolder _keys;
    private readonly Lazy<AuditChain> _chain;

    public AuditSealing(KeyFolder keys, TimeProvider time, TrailCheckpoints? checkpoints = null, ILogger<AuditSealing>? log = null)
    {
        _keys = keys;
        _chain = new(() => AuditChain.From(keys));
        Time = time;
        Witness = checkpoints is null ? null : new TrailHeadWitness(checkpoints.Folder, () => _chain.Value, time, log, checkpoints);
    }

    public TimeProvider Time { get; }

    /// <summary>The trail's newest committed entry, kept outside the database (<see cref="TrailHeadWitness"/>).</summary>
    public TrailHeadWitness? Witness { get; }

    /// <summary>The chain to write with; creates the key on a new installation.</summary>
    public AuditChain Chain => _chain.Value;

    /// <summary>The chain to verify with: never creates a key, since a new key would "verify" nothing.</summary>
    public AuditChain ExistingChain() => _keys.Has(AuditChain.KeyName)
        ? _chain.Value
        : throw new InvalidOperationException(
            $"The audit trail's key ({AuditChain.KeyName}.key) is not in the key folder {_keys.Path}. Restore it from the key backup; without it the trail cannot be verified.");

    public KeyFolder Keys => _keys;

    /// <summary>Writes the head this process committed last before it stops, so the witness does not lag behind it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Witness is not null) await Witness.FlushAsync();
    }
}
