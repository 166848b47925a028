namespace ConvenerBot.Core.Calendar;

/// <summary>
/// How a series' event repeats: an RFC 5545 RRULE read from <see cref="FirstStart"/>, a wall time in an IANA
/// zone (written with its TZID, so 10:00 stays 10:00 across daylight-saving changes), less the occurrences in
/// <see cref="Excluded"/> (its EXDATEs), each named by the wall time the rule gives it in that zone.
/// </summary>
/// <param name="Rule">The RRULE's value, e.g. <c>FREQ=MONTHLY;BYDAY=-1SA</c>; an end is a UTC time (<c>UNTIL=…Z</c>).</param>
public sealed record CalendarRecurrence(CalendarWallTime FirstStart, string Rule, IReadOnlyList<CalendarWallTime> Excluded);
