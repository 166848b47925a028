using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ConvenerBot.Core.Scheduling;

/// <summary>Reads and shows times in a group's IANA time zone; instants are stored in UTC.</summary>
public static class GroupClock
{
    private static readonly LocalDateTimePattern[] Patterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss"),
    ];

    public static DateTimeZone? FindZone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    /// <summary>
    /// Parses a WHEN such as <c>2026-12-26 10:00</c> in the group's zone and checks that it lies ahead.
    /// </summary>
    public static DateTimeOffset ParseFuture(string text, string timeZone, DateTimeOffset now)
    {
        var zone = FindZone(timeZone) ?? DateTimeZone.Utc;
        var trimmed = text.Trim();
        LocalDateTime? local = null;
        foreach (var pattern in Patterns)
        {
            var result = pattern.Parse(trimmed);
            if (result.Success)
            {
                local = result.Value;
                break;
            }
        }

        if (local is not { } value)
        {
            throw new ConvenerRuleException(
                $"'{trimmed}' is not a date and time I can read. Write it as YYYY-MM-DD HH:MM in the group's time zone ({zone.Id}), e.g. 2026-12-26 10:00.");
        }

        var mapping = zone.MapLocal(value);
        if (mapping.Count == 0)
        {
            throw new ConvenerRuleException($"{trimmed} does not exist in {zone.Id} (the clocks change then). Please pick another time.");
        }

        var instant = mapping.First().ToInstant().ToDateTimeOffset();
        if (instant <= now)
        {
            throw new ConvenerRuleException($"{trimmed} ({zone.Id}) is in the past. Please pick a time ahead.");
        }

        return instant;
    }

    /// <summary>Formats an instant for people, e.g. <c>Sat 26 Dec 2026 10:00 (Europe/Oslo)</c>.</summary>
    public static string Format(DateTimeOffset instant, string timeZone)
    {
        var zone = FindZone(timeZone) ?? DateTimeZone.Utc;
        var local = Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime;
        return local.ToString("ddd d MMM uuuu HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";
    }
}
