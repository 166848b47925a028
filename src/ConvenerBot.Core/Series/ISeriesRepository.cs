using NodaTime;

namespace ConvenerBot.Core.Series;

public interface ISeriesRepository
{
    /// <summary>Adds an active series with the group's next series number.</summary>
    Task<SessionSeries> AddAsync(
        long groupId, string typed, string rrule, string timeZone, LocalTime wallTime, LocalDate firstDay, long? caseId, string protocolKey,
        long createdBy, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The group's series with that number, or null; locked until commit with <paramref name="forUpdate"/>.</summary>
    Task<SessionSeries?> FindAsync(long groupId, int number, bool forUpdate, CancellationToken cancellationToken);

    /// <summary>The group's series with that row id (for work that names it), or null; locked until commit with <paramref name="forUpdate"/>.</summary>
    Task<SessionSeries?> FindByIdAsync(long groupId, long seriesId, bool forUpdate, CancellationToken cancellationToken);

    /// <summary>The group's series that are not ended, by number.</summary>
    Task<IReadOnlyList<SessionSeries>> ListAsync(long groupId, CancellationToken cancellationToken);

    /// <summary>How many of the group's series are active.</summary>
    Task<int> CountActiveAsync(long groupId, CancellationToken cancellationToken);

    /// <summary>Marks a session as the series' session planned for <paramref name="occurrence"/>.</summary>
    Task LinkSessionAsync(long sessionId, long seriesId, DateTimeOffset occurrence, CancellationToken cancellationToken);

    /// <summary>The planned times of every session the series created, whatever became of them, soonest first, and whether each was cancelled.</summary>
    Task<IReadOnlyList<(DateTimeOffset At, bool Cancelled)>> ListOccurrencesAsync(long seriesId, CancellationToken cancellationToken);

    /// <summary>Sets the series' status (paused, active again, ended).</summary>
    Task SetStatusAsync(long seriesId, SeriesStatus status, CancellationToken cancellationToken);

    /// <summary>The numbers of the series' sessions that are still scheduled, soonest first.</summary>
    Task<IReadOnlyList<int>> ListScheduledNumbersAsync(long seriesId, CancellationToken cancellationToken);
}
