namespace ConvenerBot.Core.Calendar;

/// <summary>A group's calendar as data: what an .ics file is written from (the writer lives outside Core).</summary>
/// <param name="Name">The calendar's name: the group's title.</param>
/// <param name="TimeZone">The group's IANA time zone, named in the file for apps that show it.</param>
public sealed record CalendarFeed(string Name, string TimeZone, IReadOnlyList<CalendarEvent> Events);
