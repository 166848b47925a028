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

    /// <summary>How far ahead a session may be scheduled.</summary>
    public const int MaxYearsAhead = 5;

    public static DateTimeZone? FindZone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    /// <summary>
    /// Parses a WHEN such as <c>2026-12-26 10:00</c> in the group's zone and checks that it lies ahead.
    /// </summary>
    public static DateTimeOffset ParseFuture(string text, string timeZone, DateTimeOffset now)
    {
        var zone = FindZone(timeZone) ?? DateTimeZone.Utc;
        var trimmed = text.Trim();
        var (written, offset) = SplitOffset(trimmed);
        LocalDateTime? local = null;
        foreach (var pattern in Patterns)
        {
            var result = pattern.Parse(written);
            if (result.Success)
            {
                local = result.Value;
                break;
            }
        }

        if (local is not { } value)
        {
            throw new ConvenerRuleException("rule.when.unreadable", ("when", trimmed), ("zone", zone.Id));
        }

        // Bound the year before any conversion: far-off dates overflow NodaTime and DateTimeOffset in zones far from UTC.
        var nowLocal = Instant.FromDateTimeOffset(now).InZone(zone).LocalDateTime;
        if (value.Year < nowLocal.Year - 1 || value.Year > nowLocal.Year + MaxYearsAhead)
        {
            throw new ConvenerRuleException(value.Year < nowLocal.Year ? "rule.when.long-past" : "rule.when.too-far", ("when", trimmed), ("years", MaxYearsAhead));
        }

        var mapping = zone.MapLocal(value);
        if (mapping.Count == 0)
        {
            throw new ConvenerRuleException("rule.when.skipped", ("when", trimmed), ("zone", zone.Id));
        }

        ZonedDateTime[] candidates = mapping.Count == 1 ? [mapping.First()] : [mapping.First(), mapping.Last()];
        var chosen = candidates[0];
        if (offset is { } given)
        {
            var index = Array.FindIndex(candidates, m => m.Offset == given);
            if (index >= 0)
            {
                chosen = candidates[index];
            }
            else
            {
                throw new ConvenerRuleException(
                    "rule.when.wrong-offset",
                    ("when", written), ("zone", zone.Id), ("offsets", Text.WordList.Or([.. candidates.Select(m => Offset(m.Offset))])), ("given", Offset(given)));
            }
        }
        else if (mapping.Count > 1)
        {
            // The hour the clocks go back happens twice: ask which one is meant rather than guess.
            throw new ConvenerRuleException(
                "rule.when.repeated",
                ("when", written), ("zone", zone.Id), ("first", written + Offset(mapping.First().Offset)), ("second", written + Offset(mapping.Last().Offset)));
        }

        var instant = chosen.ToInstant().ToDateTimeOffset();
        if (instant <= now)
        {
            throw new ConvenerRuleException("rule.when.past", ("when", trimmed), ("zone", zone.Id));
        }

        if (instant > now.AddYears(MaxYearsAhead))
        {
            throw new ConvenerRuleException("rule.when.too-far", ("when", trimmed), ("years", MaxYearsAhead));
        }

        return instant;
    }

    /// <summary>A WHEN may end in a UTC offset (<c>02:30+02:00</c>) to say which of a repeated hour is meant.</summary>
    private static (string Written, Offset? Offset) SplitOffset(string text)
    {
        var cut = text.Length - 6;
        if (cut > 0 && text[cut] is '+' or '-' && OffsetPattern.GeneralInvariant.Parse(text[cut..]) is { Success: true } parsed)
        {
            return (text[..cut].TrimEnd(), parsed.Value);
        }

        return (text, null);
    }

    private static string Offset(Offset offset) => OffsetPattern.CreateWithInvariantCulture("+HH:mm").Format(offset);

    /// <summary>Formats an instant for people, e.g. <c>Sat 26 Dec 2026 10:00 (Europe/Oslo)</c>.</summary>
    public static string Format(DateTimeOffset instant, string timeZone)
    {
        var zone = FindZone(timeZone) ?? DateTimeZone.Utc;
        try
        {
            var local = Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime;
            return local.ToString("ddd d MMM uuuu HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            // An instant stored before dates were bounded, at the edge of the calendar: show it in UTC.
            return instant.UtcDateTime.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + $" ({DateTimeZone.Utc.Id})";
        }
    }
}
