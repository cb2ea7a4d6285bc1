using System.Collections.Concurrent;

namespace Probity.Identity.SignIn;

/// <summary>
/// Slows password and code guessing without ever locking an account. Failures are counted three ways, and each count
/// allows a few free failures, then makes the next attempt wait (15 seconds, doubling each further failure, at most
/// 15 minutes): per user name from one address (a guesser at one machine), per address over every name (one machine
/// spraying many names), and per user name from every address (a guesser spread over many machines). The last one
/// is not applied to a browser the person has already signed in with (the known-device cookie), so an attacker's
/// failures elsewhere never stop the real person at their usual machine. Counts are kept by the name as typed, so
/// a name that does not exist is slowed exactly like one that does. A count is forgotten an hour after its last
/// failure, and cleared by a successful sign-in or by an administrator's "unlock".
/// Counts live in this process's memory: one application instance per database (ADR 0005), and a restart forgets them.
/// </summary>
internal sealed class SignInThrottle(TimeProvider time)
{
    internal sealed record Tier(string Name, int FreeFailures);

    /// <summary>Passwords: a user name from one address.</summary>
    public static readonly Tier NameFromAddress = new("name+address", 3);
    /// <summary>Passwords: every name from one address (password spraying).</summary>
    public static readonly Tier Address = new("address", 10);
    /// <summary>Passwords: a user name from every address, unless the browser is one the person signed in with before.</summary>
    public static readonly Tier Name = new("name", 10);
    /// <summary>Authenticator and recovery codes of one account (the password is already known to whoever is guessing).</summary>
    public static readonly Tier Codes = new("codes", 3);

    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);
    private const int MaxEntries = 100_000;

    private sealed class Count
    {
        public int Failures;
        public DateTimeOffset Last;
    }

    private readonly ConcurrentDictionary<string, Count> _counts = new(StringComparer.Ordinal);

    /// <summary>How long the caller must still wait before this attempt may be checked (null: go ahead).</summary>
    public TimeSpan? WaitFor(IEnumerable<(Tier Tier, string Key)> keys)
    {
        var now = time.GetUtcNow();
        TimeSpan? longest = null;
        foreach (var (tier, key) in keys)
        {
            if (!_counts.TryGetValue(KeyOf(tier, key), out var count)) continue;
            TimeSpan? wait;
            lock (count)
            {
                if (now - count.Last > ForgetAfter || count.Failures < tier.FreeFailures) continue;
                var left = count.Last + DelayAfter(count.Failures - tier.FreeFailures + 1) - now;
                wait = left > TimeSpan.Zero ? left : null;
            }
            if (wait > (longest ?? TimeSpan.Zero)) longest = wait;
        }
        return longest;
    }

    public void Failed(IEnumerable<(Tier Tier, string Key)> keys)
    {
        var now = time.GetUtcNow();
        if (_counts.Count > MaxEntries) Sweep(now);
        foreach (var (tier, key) in keys)
        {
            var count = _counts.GetOrAdd(KeyOf(tier, key), _ => new Count());
            lock (count)
            {
                if (now - count.Last > ForgetAfter) count.Failures = 0;
                count.Failures++;
                count.Last = now;
            }
        }
    }

    public void Forget(IEnumerable<(Tier Tier, string Key)> keys)
    {
        foreach (var (tier, key) in keys) _counts.TryRemove(KeyOf(tier, key), out _);
    }

    /// <summary>An administrator's "unlock": every count naming this user, from every address.</summary>
    public void ForgetName(string userName)
    {
        var name = Normalise(userName);
        foreach (var key in _counts.Keys)
        {
            if (key == KeyOf(Name, name) || key.StartsWith(NameFromAddress.Name + "\n" + name + "\n", StringComparison.Ordinal))
                _counts.TryRemove(key, out _);
        }
    }

    public void ForgetCodes(string userId) => _counts.TryRemove(KeyOf(Codes, userId), out _);

    /// <summary>The wait after the n-th failure beyond the free ones: 15 s, 30 s, 1 min ... at most 15 min.</summary>
    public static TimeSpan DelayAfter(int beyondFree)
    {
        if (beyondFree <= 0) return TimeSpan.Zero;
        var seconds = FirstDelay.TotalSeconds * Math.Pow(2, Math.Min(beyondFree - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, LongestDelay.TotalSeconds));
    }

    public static string Normalise(string userName) => userName.Trim().ToUpperInvariant();

    /// <summary>The counts a password attempt is judged by.</summary>
    public static IEnumerable<(Tier, string)> PasswordKeys(string userName, string address, bool knownDevice)
    {
        var name = Normalise(userName);
        yield return (NameFromAddress, name + "\n" + address);
        yield return (Address, address);
        if (!knownDevice) yield return (Name, name);
    }

    private static string KeyOf(Tier tier, string key) => tier.Name + "\n" + key;

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, count) in _counts)
            if (now - count.Last > ForgetAfter) _counts.TryRemove(key, out _);
        // Still full: an attacker with very many addresses. Keep the newest half rather than grow without bound.
        if (_counts.Count > MaxEntries)
            foreach (var (key, _) in _counts.OrderBy(c => c.Value.Last).Take(_counts.Count - MaxEntries / 2).ToList())
                _counts.TryRemove(key, out _);
    }
}
