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
            throw new ConvenerRuleException(
                $"'{trimmed}' is not a date and time I can read. Write it as YYYY-MM-DD HH:MM in the group's time zone ({zone.Id}), e.g. 2026-12-26 10:00.");
        }

        // Bound the year before any conversion: far-off dates overflow NodaTime and DateTimeOffset in zones far from UTC.
        var nowLocal = Instant.FromDateTimeOffset(now).InZone(zone).LocalDateTime;
        if (value.Year < nowLocal.Year - 1 || value.Year > nowLocal.Year + MaxYearsAhead)
        {
            throw new ConvenerRuleException(
                $"{trimmed} is {(value.Year < nowLocal.Year ? "in the past" : "too far ahead")}. Sessions can be scheduled up to {MaxYearsAhead} years ahead.");
        }

        var mapping = zone.MapLocal(value);
        if (mapping.Count == 0)
        {
            throw new ConvenerRuleException($"{trimmed} does not exist in {zone.Id} (the clocks change then). Please pick another time.");
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
                    $"{written} in {zone.Id} is at {string.Join(" or ", candidates.Select(m => Offset(m.Offset)))}, not {Offset(given)}. Leave the offset out, or write one of those.");
            }
        }
        else if (mapping.Count > 1)
        {
            // The hour the clocks go back happens twice: ask which one is meant rather than guess.
            throw new ConvenerRuleException(
                $"{written} happens twice in {zone.Id} (the clocks go back then). Say which: {written}{Offset(mapping.First().Offset)} for the first, {written}{Offset(mapping.Last().Offset)} for the second.");
        }

        var instant = chosen.ToInstant().ToDateTimeOffset();
        if (instant <= now)
        {
            throw new ConvenerRuleException($"{trimmed} ({zone.Id}) is in the past. Please pick a time ahead.");
        }

        if (instant > now.AddYears(MaxYearsAhead))
        {
            throw new ConvenerRuleException($"{trimmed} is too far ahead. Sessions can be scheduled up to {MaxYearsAhead} years ahead.");
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
            return instant.UtcDateTime.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " (UTC)";
        }
    }
}
