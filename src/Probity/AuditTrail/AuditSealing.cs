using Probity.Infrastructure.Security;

namespace Probity.AuditTrail;

/// <summary>
/// What every store context needs to write the trail: the keyed chain (its key loaded from the key folder the first
/// time an entry is written, created if the trail is new) and the clock.
/// </summary>
internal sealed class AuditSealing(KeyFolder keys, TimeProvider time)
{
    private readonly Lazy<AuditChain> _chain = new(() => AuditChain.From(keys));

    public TimeProvider Time => time;

    /// <summary>The chain to write with; creates the key on a new installation.</summary>
    public AuditChain Chain => _chain.Value;

    /// <summary>The chain to verify with: never creates a key, since a new key would "verify" nothing.</summary>
    public AuditChain ExistingChain() => keys.Has(AuditChain.KeyName)
        ? _chain.Value
        : throw new InvalidOperationException(
            $"The audit trail's key ({AuditChain.KeyName}.key) is not in the key folder {keys.Path}. Restore it from the key backup; without it the trail cannot be verified.");

    public KeyFolder Keys => keys;
}
