using Microsoft.EntityFrameworkCore;
using Probity.Infrastructure.Database;

namespace Probity.AuditTrail;

/// <summary>Walks the whole chain in order and names the first entry whose hash or link does not hold.</summary>
public static class VerifyTrail
{
    public sealed record Result(long EntriesChecked, long? FirstBrokenSequence, string? Problem)
    {
        public bool Intact => FirstBrokenSequence is null;
    }

    public static async Task<Result> RunAsync(ProbityDb db, CancellationToken ct = default)
    {
        var previous = AuditChain.Genesis;
        long expected = 1, checkedCount = 0;
        // Streamed in sequence order: the trail may hold millions of entries.
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Sequence != expected)
                return new Result(checkedCount, expected, $"entry {expected} is missing (next present is {e.Sequence})");
            if (e.PreviousHash != previous)
                return new Result(checkedCount, e.Sequence, $"entry {e.Sequence} does not link to entry {e.Sequence - 1} (previous hash differs)");
            if (AuditChain.HashOf(e) != e.Hash)
                return new Result(checkedCount, e.Sequence, $"entry {e.Sequence} has been altered (its content no longer matches its hash)");
            previous = e.Hash;
            expected++;
            checkedCount++;
        }
        return new Result(checkedCount, null, null);
    }
}
