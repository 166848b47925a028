using Microsoft.Extensions.Logging;

namespace ConvenerBot.Core.Persistence;

/// <summary>
/// Carries out due work: claims a small batch of due rows for a lease (a transaction of its own, so the
/// claim keeps other workers and instances off them), has each handled, then removes the row (and adds it
/// again when it recurs) in a transaction of its own. No transaction is held while a handler talks to a
/// platform; work interrupted before its row is removed is done again once its claim runs out. Work whose handler fails is released to be
/// tried again later, with a growing pause; work of an unknown kind is set aside for a day. A worker that
/// dies holding a claim loses it when the lease runs out, and another worker takes the work over.
/// </summary>
public sealed partial class DueWorkDispatcher(
    IConvenerStore store,
    IEnumerable<IDueWorkHandler> handlers,
    TimeProvider time,
    ILogger<DueWorkDispatcher> logger)
{
    /// <summary>
    /// How long a claim keeps other workers off a piece of work: longer than a gateway keeps trying one post
    /// (Telegram's send deadline is 10 minutes), so slow work is not taken over while it is still going on.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    /// <summary>How many rows one claim takes.</summary>
    public const int Batch = 20;

    private readonly Dictionary<string, IDueWorkHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    /// <summary>Who claims: one name per dispatcher, so that two instances on one database tell their claims apart.</summary>
    public string Claimer { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Makes sure each recurring job of the deployment is due by now (run at start-up).</summary>
    public async Task EnsureRecurringAsync(IEnumerable<string> kinds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await store.BeginAsync(cancellationToken);
        foreach (var kind in kinds)
        {
            await transaction.DueWork.EnsureAsync(kind, now, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Claims and carries out due work until none is left; returns how many pieces were done.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            IReadOnlyList<DueWork> claimed;
            await using (var claiming = await store.BeginAsync(cancellationToken))
            {
                claimed = await claiming.DueWork.ClaimAsync(Claimer, time.GetUtcNow(), Lease, Batch, cancellationToken);
                await claiming.CommitAsync(cancellationToken);
            }

            foreach (var work in claimed)
            {
                done += await RunAsync(work, cancellationToken) ? 1 : 0;
            }

            // Work may make more work due at once (a session started on its own posts its prompt through the
            // outbox): claiming goes on until nothing is due.
            if (claimed.Count == 0)
            {
                return done;
            }
        }
    }

    private async Task<bool> RunAsync(DueWork work, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_handlers.TryGetValue(work.Kind, out var handler))
        {
            LogUnknownKind(logger, work.Kind, work.Id);
            await ReleaseAsync(work, now + TimeSpan.FromDays(1), cancellationToken);
            return false;
        }

        DateTimeOffset? again;
        try
        {
            again = await handler.HandleAsync(work, now, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var retry = now + RetryDelay(work.Attempts);
            LogFailed(logger, ex, work.Kind, work.Id, retry);
            await ReleaseAsync(work, retry, cancellationToken);
            return false;
        }

        try
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            if (!await transaction.DueWork.CompleteAsync(work.Id, Claimer, cancellationToken, alone: again is null))
            {
                // Removed meanwhile (the session moved on or was cancelled), or the lease ran out and another worker took it over.
                LogGone(logger, work.Kind, work.Id);
                return false;
            }

            if (again is { } next)
            {
                await transaction.DueWork.AddAsync(work with { Id = 0, DueAt = next, CreatedAt = now, Attempts = 0, ClaimedBy = null, ClaimedUntil = null }, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The work was done; releasing it would do it again at once. Its claim runs out instead.
            LogNotCompleted(logger, ex, work.Kind, work.Id);
            return false;
        }
    }

    /// <summary>One minute after the first failure, doubling up to an hour.</summary>
    public static TimeSpan RetryDelay(int attempts) => TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Min(attempts, 6)), 60));

    private async Task ReleaseAsync(DueWork work, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            await transaction.DueWork.ReleaseAsync(work.Id, Claimer, retryAt, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The claim runs out by itself; the work is taken up again then, and the rest of the batch goes on.
            LogNotReleased(logger, ex, work.Kind, work.Id);
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Due work {Kind} #{Id} failed; it is tried again at {RetryAt:u}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, long id, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "No handler knows due work of kind {Kind} (#{Id}); it is set aside for a day")]
    private static partial void LogUnknownKind(ILogger logger, string kind, long id);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Due work {Kind} #{Id} was removed meanwhile, or taken over after its claim ran out")]
    private static partial void LogGone(ILogger logger, string kind, long id);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Due work {Kind} #{Id} could not be released; its claim runs out by itself")]
    private static partial void LogNotReleased(ILogger logger, Exception exception, string kind, long id);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Due work {Kind} #{Id} was done but could not be marked done; it is done again once its claim runs out")]
    private static partial void LogNotCompleted(ILogger logger, Exception exception, string kind, long id);
}
