using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Probity.IntegrationTests;

/// <summary>
/// The authenticator apps of a test host's people: each person's key (as their phone keeps it after enrolment) and the
/// codes it shows. The server accepts a code within one time step of its clock, and only for a step later than the last
/// one that person used. So codes for one person are handed out one caller at a time, in the order asked (a
/// first-come semaphore per person), each for the step after the last one handed out, and a caller that sends its code
/// does so before the next caller is given one (<see cref="UseCodeAsync{T}"/>): no caller is overtaken, and none sends
/// a step older than one already used. The earlier loop let each new step go to whichever waiter polled first, and one
/// caller for "senior" once waited 91 s without getting a step. Shared with the browser suite (linked).
/// </summary>
public sealed class Authenticators(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> _lastStep = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers a person's authenticator key, as their phone would after enrolment.</summary>
    public void Remember(string userName, string key) => _keys[userName] = key.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>A code no other caller was given, for a caller that sends it itself (and is the only one signing this person in).</summary>
    public Task<string> NextCodeAsync(string userName, Func<Task<string>>? storedKey = null) =>
        UseCodeAsync(userName, Task.FromResult, storedKey);

    /// <summary>
    /// Gives <paramref name="use"/> the person's next code and lets no one else have one until it has finished (sent
    /// the code and had the answer), so codes reach the server in the order they were made.
    /// </summary>
    public async Task<T> UseCodeAsync<T>(string userName, Func<string, Task<T>> use, Func<Task<string>>? storedKey = null)
    {
        var turn = _turns.GetOrAdd(userName, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync();
        try
        {
            if (!_keys.TryGetValue(userName, out var key))
            {
                if (storedKey is null) throw new InvalidOperationException($"{userName} has no authenticator this test knows of.");
                key = await storedKey();
                Remember(userName, key);
            }
            var step = Math.Max(StepNow(), _lastStep.GetValueOrDefault(userName) + 1);
            // A code is good from the step before its own (at most 30 s away, since each caller waits for its own).
            while (StepNow() < step - 1)
            {
                if (time is FakeTimeProvider fake) fake.Advance(TimeSpan.FromSeconds(30));
                else await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
            _lastStep[userName] = step;
            return await use(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime));
        }
        finally { turn.Release(); }
    }

    private long StepNow() => time.GetUtcNow().ToUnixTimeSeconds() / 30;
}
