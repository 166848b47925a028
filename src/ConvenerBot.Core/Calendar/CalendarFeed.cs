namespace ConvenerBot.Core.Calendar;

/// <summary>A group's calendar as data: what an .ics file is written from (the writer lives outside Core).</summary>
/// <param name="Name">The calendar's name: the group's title.</param>
/// <param name="TimeZone">The group's IANA time zone, named in the file for apps that show it.</param>
public sealed record CalendarFeed(string Name, string TimeZone, IReadOnlyList<CalendarEvent> Events)
{
    /// <summary>The name to give the feed when it is sent as a file (<c>session-3.ics</c> for one session).</summary>
    public string FileName { get; init; } = "calendar.ics";
}

