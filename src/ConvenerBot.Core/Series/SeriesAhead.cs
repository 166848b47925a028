using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Scheduling;
using ConvenerBot.Core.Sessions;
using NodaTime;

namespace ConvenerBot.Core.Series;

/// <summary>
/// Creates a series' sessions ahead: the next <see cref="Ahead"/> occurrences are ordinary scheduled sessions
/// (with their reminders and start notices, as <c>/session schedule</c> writes them), created in the
/// transaction that adds the series and then by due work (<see cref="WorkKind"/>, the series as subject), due
/// when its soonest session ahead starts. An occurrence that already has a session (whatever became of it) is
/// never created again, so running twice after a crash creates nothing more.
/// </summary>
public sealed class SeriesAhead(IConvenerStore store, ISeriesOccurrences occurrences) : IDueWorkHandler
{
    public const string WorkKind = "series-ahead";

    /// <summary>How many sessions of a series lie ahead once it has been topped up.</summary>
    public const int Ahead = 2;

    public string Kind => WorkKind;

    /// <summary>
    /// Creates the sessions missing ahead of <paramref name="now"/> (the first one created takes
    /// <paramref name="caseId"/>); returns them and when the series is due to be topped up again (null when it
    /// has no session ahead: its count or last day is reached).
    /// </summary>
    public static async Task<(IReadOnlyList<Session> Created, DateTimeOffset? Next)> FillAsync(
        IStoreTransaction transaction, ISeriesOccurrences occurrences, SessionSeries series, DateTimeOffset now, long? caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(occurrences);
        ArgumentNullException.ThrowIfNull(series);
        var rule = SeriesRule.FromRRule(series.RRule, series.WallTime)
            ?? throw new InvalidOperationException($"Series {series.Id} holds a rule it cannot read: {series.RRule}");
        var zone = GroupClock.FindZone(series.TimeZone) ?? DateTimeZone.Utc;
        // A skipped (cancelled) occurrence is not created again, but does not count as a session ahead either.
        var taken = await transaction.Series.ListOccurrencesAsync(series.Id, cancellationToken);
        var ahead = taken.Where(t => t.At > now && !t.Cancelled).Select(t => t.At).ToList();
        var from = taken.Count > 0 && taken[^1].At > now ? taken[^1].At : now;
        var created = new List<Session>();
        foreach (var at in occurrences.After(rule, zone, series.FirstDay, Instant.FromDateTimeOffset(from)).Take(Math.Max(0, Ahead - ahead.Count)))
        {
            var when = at.ToDateTimeOffset().ToUniversalTime();
            var number = await transaction.Groups.NextSessionNumberAsync(series.GroupId, cancellationToken);
            var session = await transaction.Sessions.AddAsync(
                series.GroupId, number, created.Count == 0 ? caseId : null, series.ProtocolKey, when, series.CreatedBy, now, cancellationToken);
            await transaction.Series.LinkSessionAsync(session.Id, series.Id, when, cancellationToken);
            await SessionReminders.ScheduleAsync(transaction, session, now, cancellationToken);
            await SessionStarts.ScheduleAsync(transaction, session, now, cancellationToken);
            await SessionMirror.WriteAsync(transaction, session, now, cancellationToken);
            created.Add(session);
            ahead.Add(when);
        }

        return (created, ahead.Count == 0 ? null : ahead.Min());
    }

    /// <summary>Writes the due work that tops the series up at <paramref name="dueAt"/>.</summary>
    public static Task ScheduleAsync(IStoreTransaction transaction, SessionSeries series, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(series);
        return transaction.DueWork.AddAsync(new DueWork(0, series.GroupId, WorkKind, series.Id, null, dueAt, now), cancellationToken);
    }

    public async Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.GroupId is not { } groupId || work.SubjectId is not { } seriesId)
        {
            return null;
        }

        await using var transaction = await store.BeginAsync(cancellationToken);
        var series = await transaction.Series.FindByIdAsync(groupId, seriesId, forUpdate: true, cancellationToken);
        if (series is not { Status: SeriesStatus.Active })
        {
            // Removed, paused or ended: resuming writes its work again.
            return null;
        }

        var (_, next) = await FillAsync(transaction, occurrences, series, now, caseId: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }
}
