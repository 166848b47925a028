using NodaTime;
using NodaTime.TimeZones;

namespace ConvenerBot.Core.Scheduling;

/// <summary>
/// <see cref="ISeriesOccurrences"/> with NodaTime: weeks and months are added with its calendar operations,
/// the weekday of a month found with its date adjusters, and the wall time placed in the zone with the lenient
/// resolver, so 10:00 stays 10:00 across daylight-saving changes (a time the clocks skip moves on by the gap;
/// one they pass twice is the earlier).
/// </summary>
public sealed class SeriesOccurrences : ISeriesOccurrences
{
    /// <summary>How many years of a rule are looked at, at most, whatever it says.</summary>
    private const int YearsLookedAt = 100;

    public IEnumerable<ZonedDateTime> After(SeriesRule rule, DateTimeZone zone, LocalDate first, Instant after)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(zone);
        var index = 0;
        for (var step = 0; ; step++)
        {
            var day = Day(rule, first, step);
            if (day.Year > first.Year + YearsLookedAt || rule.Until is { } until && day > until || rule.Count is { } count && index >= count)
            {
                yield break;
            }

            if (day < first)
            {
                continue;
            }

            index++;
            var at = day.At(rule.Time).InZone(zone, Resolvers.LenientResolver);
            if (at.ToInstant() > after)
            {
                yield return at;
            }
        }
    }

    public LocalDate FirstDay(SeriesRule rule, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(zone);
        var today = now.InZone(zone).Date;
        var everyOne = rule with { Interval = 1, Count = null, Until = null };
        var start = rule.Frequency is SeriesFrequency.Weekly ? today : today.With(DateAdjusters.StartOfMonth);
        return After(everyOne, zone, start, now).First().Date;
    }

    /// <summary>The day of the <paramref name="step"/>th week or month from the first.</summary>
    private static LocalDate Day(SeriesRule rule, LocalDate first, int step)
    {
        if (rule.Frequency is SeriesFrequency.Weekly)
        {
            return first.With(DateAdjusters.NextOrSame(rule.Weekday)).PlusWeeks(step * rule.Interval);
        }

        var month = first.With(DateAdjusters.StartOfMonth).PlusMonths(step * rule.Interval);
        return rule.Ordinal switch
        {
            < 0 => month.With(DateAdjusters.EndOfMonth).With(DateAdjusters.PreviousOrSame(rule.Weekday)),
            { } ordinal => month.With(DateAdjusters.NextOrSame(rule.Weekday)).PlusWeeks(ordinal - 1),
            null => month.With(DateAdjusters.NextOrSame(rule.Weekday)),
        };
    }
}
