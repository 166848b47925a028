using ConvenerBot.Core.Calendar;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace ConvenerBot.Calendar;

/// <summary>
/// Writes a <see cref="CalendarFeed"/> as an iCalendar file (RFC 5545) with Ical.Net. A single event's times are
/// written in UTC; the group's zone is named in <c>X-WR-TIMEZONE</c> for apps that show it. A series' event is
/// written at its wall time with its zone's TZID (so 10:00 stays 10:00 when the clocks change), with its RRULE,
/// EXDATEs and a DURATION, and the zone's VTIMEZONE is included; an occurrence held at another time is an event
/// with the series' UID and a RECURRENCE-ID in that zone.
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
        var zones = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var item in feed.Events)
        {
            var written = new IcalEvent
            {
                Uid = item.Uid,
                Sequence = item.Sequence,
                Summary = item.Summary,
                DtStamp = Utc(now),
                Status = item.Cancelled ? "CANCELLED" : "CONFIRMED",
                Transparency = item.Cancelled ? "TRANSPARENT" : "OPAQUE",
            };
            if (item.Recurrence is { } recurrence)
            {
                written.DtStart = Wall(recurrence.FirstStart);
                written.Duration = Duration.FromTimeSpanExact(item.End - item.Start);
                written.RecurrenceRule = new RecurrenceRule(recurrence.Rule);
                if (recurrence.Excluded.Count > 0)
                {
                    written.ExceptionDates.AddRange(recurrence.Excluded.Select(Wall));
                }

                Need(zones, recurrence.FirstStart.TimeZone, item.Start);
            }
            else
            {
                written.DtStart = Utc(item.Start);
                written.DtEnd = Utc(item.End);
            }

            if (item.Replaces is { } replaces)
            {
                written.RecurrenceIdentifier = new RecurrenceIdentifier(Wall(replaces), RecurrenceRange.ThisInstance);
                Need(zones, replaces.TimeZone, item.Start);
            }

            calendar.Events.Add(written);
        }

        foreach (var (zone, earliest) in zones.OrderBy(z => z.Key, StringComparer.Ordinal))
        {
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, earliest.UtcDateTime, includeHistoricalData: false));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>Notes a zone whose VTIMEZONE the file needs, from the earliest time written in it.</summary>
    private static void Need(Dictionary<string, DateTimeOffset> zones, string zone, DateTimeOffset at)
    {
        if (!IsUtc(zone))
        {
            zones[zone] = zones.TryGetValue(zone, out var known) && known < at ? known : at;
        }
    }

    private static CalDateTime Wall(CalendarWallTime at)
    {
        var local = new DateTime(at.At.Year, at.At.Month, at.At.Day, at.At.Hour, at.At.Minute, at.At.Second, DateTimeKind.Unspecified);
        if (!IsUtc(at.TimeZone))
        {
            return new CalDateTime(local, at.TimeZone);
        }

        return new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Utc));
    }

    private static bool IsUtc(string zone) => zone is "UTC" or "Etc/UTC";

    private static CalDateTime Utc(DateTimeOffset at) =>
        new(DateTime.SpecifyKind(new DateTime(at.UtcDateTime.Ticks - (at.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Utc));
}
