namespace ConvenerBot.Core.Persistence;

/// <summary>
/// Due work, in the current transaction. Claims are meant to be committed at once, in a transaction of
/// their own: the claim, not an open transaction, is what keeps other workers off the work while it runs.
/// </summary>
public interface IDueWorkRepository
{
    /// <summary>
    /// Adds the work with no attempts, unclaimed, or held by <see cref="DueWork.ClaimedBy"/> until
    /// <see cref="DueWork.ClaimedUntil"/> when those are set; returns its id.
    /// </summary>
    Task<long> AddAsync(DueWork work, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> pieces of work that are due at <paramref name="now"/> and that no
    /// one holds (never claimed, released, or their claim ran out), oldest first, for <paramref name="lease"/>.
    /// Concurrent claimers never get the same work while a claim lasts.
    /// </summary>
    Task<IReadOnlyList<DueWork>> ClaimAsync(string claimer, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Removes work that is done; false when <paramref name="claimer"/> no longer holds it (another took it
    /// over, or it was removed). When the removal is all the transaction writes (<paramref name="alone"/>),
    /// the transaction commits without waiting for the disk where the database allows it: should the
    /// database server itself crash at that moment, the removal may be lost and the work is done again once
    /// its claim runs out, a repeat handlers bear anyway. A transaction that also writes what must survive
    /// such a crash (the next run of recurring work, what is left to post) passes false.
    /// </summary>
    Task<bool> CompleteAsync(long id, string claimer, CancellationToken cancellationToken, bool alone = true);

    /// <summary>
    /// Gives the work back to be tried again at <paramref name="retryAt"/>, counting one more attempt; false
    /// when <paramref name="claimer"/> no longer holds it.
    /// </summary>
    Task<bool> ReleaseAsync(long id, string claimer, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>
    /// Makes sure work of a kind that belongs to the whole deployment (no group, no subject) falls due by
    /// <paramref name="dueBy"/>: brings a later one forward, or adds it when there is none.
    /// </summary>
    Task EnsureAsync(string kind, DateTimeOffset dueBy, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes all work of a kind about a subject, claimed or not (e.g. a session's reminders when it is cancelled or moved); returns how many.</summary>
    Task<int> RemoveForSubjectAsync(string kind, long subjectId, CancellationToken cancellationToken);

    /// <summary>The work with this id, or null when there is none (done or removed).</summary>
    Task<DueWork?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Rewrites the payload of work that <paramref name="claimer"/> holds (what is left of it to do); false when it no longer holds it.</summary>
    Task<bool> SetPayloadAsync(long id, string claimer, string? payload, CancellationToken cancellationToken);
}
