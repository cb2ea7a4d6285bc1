using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Probity.Database;

/// <summary>
/// Tells a <see cref="ProbityDb"/> that its transaction ended, whoever opened it (the context's own save, or a caller
/// that saved several times inside one transaction), so the trail's head witness moves only once entries are committed.
/// </summary>
internal sealed class TrailHeadOnCommit : DbTransactionInterceptor
{
    public static readonly TrailHeadOnCommit Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData, committed: true);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData, committed: true);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData, committed: false);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData, committed: false);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Failed(eventData);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData);
        return Task.CompletedTask;
    }

    private static void Ended(TransactionEndEventData eventData, bool committed) => (eventData.Context as ProbityDb)?.TrailTransactionEnded(committed);

    // A commit that failed committed nothing; a failed rollback leaves nothing committed either.
    private static void Failed(TransactionErrorEventData eventData) => (eventData.Context as ProbityDb)?.TrailTransactionEnded(committed: false);
}
