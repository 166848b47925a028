using ConvenerBot.Core.Calendar;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace ConvenerBot.Calendar;

/// <summary>
/// Writes a <see cref="CalendarFeed"/> as an iCalendar file (RFC 5545) with Ical.Net. Times are written in
/// UTC, so no VTIMEZONE is needed; the group's zone is named in <c>X-WR-TIMEZONE</c> for apps that show it.
/// </summary>
public static class IcsWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(CalendarFeed feed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var calendar = new IcalCalendar { ProductId = "-//ConvenerBot//Calendar//EN" };
        calendar.AddProperty("X-WR-CALNAME", feed.Name);
        calendar.AddProperty("X-WR-TIMEZONE", feed.TimeZone);
        calendar.AddProperty("METHOD", "PUBLISH");
        foreach (var session in feed.Events)
        {
            calendar.Events.Add(new Ical.Net.CalendarComponents.CalendarEvent
            {
                Uid = session.Uid,
                Sequence = session.Sequence,
                Summary = session.Summary,
                DtStart = Utc(session.Start),
                DtEnd = Utc(session.End),
                DtStamp = Utc(now),
                Status = session.Cancelled ? "CANCELLED" : "CONFIRMED",
                Transparency = session.Cancelled ? "TRANSPARENT" : "OPAQUE",
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Utc(DateTimeOffset at) =>
        new(DateTime.SpecifyKind(new DateTime(at.UtcDateTime.Ticks - (at.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Utc));
}
