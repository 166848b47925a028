using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Calendar;

/// <summary>What a calendar shows of a session: its number, time, status and how often it changed.</summary>
/// <param name="Revision">Counts the session's changes of status (start, end, cancel, missed) and of planned time (a move); a calendar's SEQUENCE.</param>
/// <param name="SeriesId">The series that created it, if one did.</param>
/// <param name="SeriesAt">For a series' session: the time the rule planned it for (which a move leaves as it was).</param>
public sealed record CalendarSession(
    int Number, string ProtocolKey, SessionStatus Status, DateTimeOffset ScheduledAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int Revision,
    long? SeriesId = null, DateTimeOffset? SeriesAt = null);
