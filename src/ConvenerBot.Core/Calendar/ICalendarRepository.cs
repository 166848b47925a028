namespace ConvenerBot.Core.Calendar;

/// <summary>Each group's calendar feed token, and the sessions a feed shows.</summary>
public interface ICalendarRepository
{
    /// <summary>The group's current feed token, or null when none was made yet.</summary>
    Task<string?> FindTokenAsync(long groupId, CancellationToken cancellationToken);

    /// <summary>The group and stored token whose token hashes to <paramref name="tokenHash"/>, or null.</summary>
    Task<(long GroupId, string Token)?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Gives the group a new token, replacing the old one (which then opens nothing).</summary>
    Task SetTokenAsync(long groupId, string token, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The group's sessions (of a series or not) planned at or after <paramref name="since"/>, in any status, soonest first.</summary>
    Task<IReadOnlyList<CalendarSession>> ListSessionsAsync(long groupId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Every session the group's series that have not ended created, whenever planned and in any status, soonest occurrence first.</summary>
    Task<IReadOnlyList<CalendarSession>> ListSeriesSessionsAsync(long groupId, CancellationToken cancellationToken);

    /// <summary>The group's session with that number as a calendar shows it, or null.</summary>
    Task<CalendarSession?> FindSessionAsync(long groupId, int number, CancellationToken cancellationToken);
}
