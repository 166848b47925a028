namespace ConvenerBot.Core.Calendar;

/// <summary>
/// Writes a <see cref="CalendarFeed"/> as an .ics file for the platforms to send (<c>/session ics</c>). Core
/// does not know iCalendar: the executable implements this with its writer.
/// </summary>
public interface ICalendarFiles
{
    /// <summary>The feed as a file named <see cref="CalendarFeed.FileName"/>.</summary>
    CalendarFile Write(CalendarFeed feed);
}
