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

    // A savepoint rolled back takes back the entries appended since it (a caller's own savepoint: EF's automatic one is
    // released before the trail is appended), so the head to witness is the one before it.
    public override void CreatedSavepoint(DbTransaction transaction, TransactionEventData eventData) => (eventData.Context as ProbityDb)?.TrailSavepointCreated();

    public override Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as ProbityDb)?.TrailSavepointCreated();
        return Task.CompletedTask;
    }

    public override void ReleasedSavepoint(DbTransaction transaction, TransactionEventData eventData) => (eventData.Context as ProbityDb)?.TrailSavepointEnded(rolledBack: false);

    public override Task ReleasedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as ProbityDb)?.TrailSavepointEnded(rolledBack: false);
        return Task.CompletedTask;
    }

    public override void RolledBackToSavepoint(DbTransaction transaction, TransactionEventData eventData) => (eventData.Context as ProbityDb)?.TrailSavepointEnded(rolledBack: true);

    public override Task RolledBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as ProbityDb)?.TrailSavepointEnded(rolledBack: true);
        return Task.CompletedTask;
    }

    private static void Ended(TransactionEndEventData eventData, bool committed) => (eventData.Context as ProbityDb)?.TrailTransactionEnded(committed);

    // A commit that failed committed nothing; a failed rollback leaves nothing committed either.
    private static void Failed(TransactionErrorEventData eventData) => (eventData.Context as ProbityDb)?.TrailTransactionEnded(committed: false);
}
