using NodaTime;

namespace ConvenerBot.Core.Series;

/// <summary>
/// A group's recurring sessions: an RFC 5545 RRULE (<see cref="Scheduling.SeriesRule"/>) read in its own time
/// zone (the group's when it was added) at its wall time, from its first day (the RRULE's <c>DTSTART</c>).
/// Its sessions are ordinary scheduled sessions created ahead (<see cref="SeriesAhead"/>), each knowing its series.
/// </summary>
/// <param name="Typed">The rule as it was typed, shown in lists.</param>
/// <param name="CaseId">The case of its first session, if one was named.</param>
public sealed record SessionSeries(
    long Id,
    long GroupId,
    int Number,
    string Typed,
    string RRule,
    string TimeZone,
    LocalTime WallTime,
    LocalDate FirstDay,
    long? CaseId,
    string ProtocolKey,
    SeriesStatus Status,
    long CreatedBy,
    DateTimeOffset CreatedAt);
