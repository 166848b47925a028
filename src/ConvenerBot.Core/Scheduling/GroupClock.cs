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

    /// <summary>The longest WHEN read; anything longer is refused before it is looked at.</summary>
    public const int MaxLength = 64;

    private static readonly LocalDateTimePattern Canonical = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    public static DateTimeZone? FindZone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    /// <summary>
    /// Reads a WHEN in the group's zone and checks that it lies ahead: <c>2026-12-26 10:00</c> and ISO forms, or a
    /// phrase of <see cref="WhenGrammar"/> in the words of <paramref name="language"/> (<c>next Saturday 10am</c>).
    /// A time the clocks skip is refused with the nearest times that exist; one they pass twice is refused with
    /// both readings, each written with its UTC offset, which picks it when typed (<c>2026-10-25 02:30+01:00</c>).
    /// Every refusal is a <see cref="ConvenerRuleException"/>.
    /// </summary>
    public static DateTimeOffset ParseFuture(string text, string timeZone, DateTimeOffset now, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var zone = FindZone(timeZone) ?? DateTimeZone.Utc;
        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength)
        {
            throw new ConvenerRuleException("rule.when.too-long", ("length", trimmed.Length), ("max", MaxLength));
        }

        var (written, offset) = SplitOffset(trimmed);
        var nowLocal = Instant.FromDateTimeOffset(now).InZone(zone).LocalDateTime;
        LocalDateTime value;
        if (Exact(written) is { } exact)
        {
            value = exact;
        }
        else
        {
            var reading = WhenGrammar.Read(written, WhenLanguages.For(language));
            if (reading is null || reading.MinutesFromNow is not null && offset is not null)
            {
                throw new ConvenerRuleException("rule.when.unreadable", ("when", trimmed), ("zone", zone.Id));
            }

            if (reading.MinutesFromNow is { } minutes)
            {
                return Ahead(FromNow(now, minutes, trimmed), now, trimmed, zone);
            }

            value = reading.Resolve(nowLocal, written);
        }

        // Bound the year before any conversion: far-off dates overflow NodaTime and DateTimeOffset in zones far from UTC.
        if (value.Year < nowLocal.Year - 1 || value.Year > nowLocal.Year + MaxYearsAhead)
        {
            throw new ConvenerRuleException(value.Year < nowLocal.Year ? "rule.when.long-past" : "rule.when.too-far", ("when", trimmed), ("years", MaxYearsAhead));
        }

        var local = Canonical.Format(value);
        var mapping = zone.MapLocal(value);
        if (mapping.Count == 0)
        {
            // The clocks jump over this time: offer the last minute before the jump and the first one after it.
            var jump = mapping.EarlyInterval.End;
            throw new ConvenerRuleException(
                "rule.when.skipped",
                ("when", local), ("zone", zone.Id),
                ("before", Canonical.Format((jump - Duration.FromMinutes(1)).InZone(zone).LocalDateTime)),
                ("after", Canonical.Format(jump.InZone(zone).LocalDateTime)));
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
                    ("when", local), ("zone", zone.Id), ("offsets", Text.WordList.Or([.. candidates.Select(m => Offset(m.Offset))])), ("given", Offset(given)));
            }
        }
        else if (mapping.Count > 1)
        {
            // The hour the clocks go back happens twice: ask which one is meant rather than guess.
            throw new ConvenerRuleException(
                "rule.when.repeated",
                ("when", local), ("zone", zone.Id), ("first", local + Offset(mapping.First().Offset)), ("second", local + Offset(mapping.Last().Offset)));
        }

        return Ahead(chosen.ToInstant().ToDateTimeOffset(), now, trimmed, zone);
    }

    /// <summary>The longest series rule read; anything longer is refused before it is looked at.</summary>
    public const int MaxSeriesLength = 120;

    /// <summary>
    /// Reads a series' rule (<see cref="SeriesGrammar"/>) in the group's zone and finds its first session after
    /// <paramref name="now"/>. Refused, as a <see cref="ConvenerRuleException"/>: a rule too long or unreadable
    /// (with three that work), a count of 0 or over <see cref="SeriesRule.MaxCount"/>, a last day already past
    /// (no session ahead) or before the first session.
    /// </summary>
    public static (SeriesRule Rule, ZonedDateTime First) ParseSeries(
        string text, string timeZone, DateTimeOffset now, ISeriesOccurrences occurrences, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(occurrences);
        var zone = FindZone(timeZone) ?? DateTimeZone.Utc;
        var trimmed = text.Trim();
        if (trimmed.Length > MaxSeriesLength)
        {
            throw new ConvenerRuleException("rule.series.too-long", ("length", trimmed.Length), ("max", MaxSeriesLength));
        }

        var rule = SeriesGrammar.Read(trimmed, WhenLanguages.For(language))
            ?? throw new ConvenerRuleException("rule.series.unreadable", ("rule", trimmed));
        if (rule.Count is { } count && (count < 1 || count > SeriesRule.MaxCount))
        {
            throw new ConvenerRuleException("rule.series.count", ("count", count), ("max", SeriesRule.MaxCount));
        }

        var instant = Instant.FromDateTimeOffset(now);
        var today = instant.InZone(zone).Date;
        if (rule.Until is { } until && until < today)
        {
            throw new ConvenerRuleException("rule.series.no-future", ("until", until.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)));
        }

        var firstDay = occurrences.FirstDay(rule, zone, instant);
        var first = occurrences.After(rule, zone, firstDay, instant).FirstOrDefault();
        if (first == default)
        {
            throw new ConvenerRuleException(
                "rule.series.until-before-first",
                ("until", rule.Until?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) ?? ""), ("first", Format(firstDay.At(rule.Time).InZoneLeniently(zone).ToDateTimeOffset(), zone.Id)));
        }

        return (rule, first);
    }

    /// <summary>ISO forms: <c>2026-12-26 10:00</c>, with <c>T</c>, with seconds.</summary>
    private static LocalDateTime? Exact(string written)
    {
        foreach (var pattern in Patterns)
        {
            var result = pattern.Parse(written);
            if (result.Success)
            {
                return result.Value;
            }
        }

        return null;
    }

    /// <summary><c>in 2 hours</c>: now and the minutes, to the minute.</summary>
    private static DateTimeOffset FromNow(DateTimeOffset now, long minutes, string typed)
    {
        if (minutes > WhenReading.DaysInReach * 24 * 60)
        {
            throw new ConvenerRuleException("rule.when.too-far", ("when", typed), ("years", MaxYearsAhead));
        }

        var then = now.AddMinutes(minutes);
        return then.AddTicks(-(then.UtcTicks % TimeSpan.TicksPerMinute));
    }

    /// <summary>The instant, once it is known to lie ahead and within reach.</summary>
    private static DateTimeOffset Ahead(DateTimeOffset instant, DateTimeOffset now, string typed, DateTimeZone zone)
    {
        if (instant <= now)
        {
            throw new ConvenerRuleException("rule.when.past", ("when", typed), ("understood", Format(instant, zone.Id)));
        }

        if (instant > now.AddYears(MaxYearsAhead))
        {
            throw new ConvenerRuleException("rule.when.too-far", ("when", typed), ("years", MaxYearsAhead));
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
