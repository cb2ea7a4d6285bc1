using System.Threading.RateLimiting;

namespace Probity.Intelligence.FollowUp;

/// <summary>
/// How often anyone may try a passphrase against one reference: <see cref="PerReference"/> tries per
/// <see cref="Window"/>, whoever and wherever they are, so a reference cannot be brute-forced from many machines.
/// Counted by the reference as typed, so an unknown reference is limited exactly like a real one and the answers do
/// not tell them apart. The same rate limiting the web host uses for sign-in (System.Threading.RateLimiting), but
/// partitioned by reference, which the middleware cannot do: the reference is in the posted form, never in the URL
/// (a URL reaches request logs). In memory only: nothing of it is stored or logged (ADR right-line-anonymity).
/// </summary>
internal sealed class PassphraseAttempts : IDisposable
{
    public const int PerReference = 10;
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(reference =>
        RateLimitPartition.GetSlidingWindowLimiter(reference, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = PerReference, Window = Window, SegmentsPerWindow = 6, QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>Whether another try at <paramref name="reference"/> is allowed now (and counts it).</summary>
    public bool TryAttempt(string reference)
    {
        using var lease = _limiter.AttemptAcquire(reference);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
