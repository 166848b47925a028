namespace ConvenerBot.Core.Calendar;

/// <summary>A group's calendar as data: what an .ics file is written from (the writer lives outside Core).</summary>
/// <param name="Name">The calendar's name: the group's title.</param>
/// <param name="TimeZone">The group's IANA time zone, for DTSTART/DTEND with a TZID.</param>
public sealed record CalendarFeed(string Name, string TimeZone, IReadOnlyList<CalendarEvent> Events)
{
    /// <summary>The name to give the feed when it is sent as a file (<c>session-3.ics</c> for one session).</summary>
    public string FileName { get; init; } = "calendar.ics";
}

/// <summary>One session in a calendar. Holds no member names and nothing of the case.</summary>
/// <param name="Uid">Stable per session: <c>session-{group id}-{number}@convenerbot</c>.</param>
/// <param name="Sequence">Grows each time the session changes, so calendars replace their copy.</param>
/// <param name="Cancelled">Written as STATUS:CANCELLED; other sessions are CONFIRMED.</param>
public sealed record CalendarEvent(string Uid, int Sequence, DateTimeOffset Start, DateTimeOffset End, string Summary, bool Cancelled)
{
    // Recurring series will add their RRULE and EXDATE here (one event for the series, with its exceptions).
}
