using NodaTime;

namespace ConvenerBot.Core.Calendar;

/// <summary>A wall time in an IANA time zone, as iCalendar writes a date-time with a TZID.</summary>
public sealed record CalendarWallTime(LocalDateTime At, string TimeZone);
