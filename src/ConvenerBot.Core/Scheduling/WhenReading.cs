using System.Globalization;
using NodaTime;

namespace ConvenerBot.Core.Scheduling;

/// <summary>
/// What the grammar read from a typed time: at most one day (counted from today, or a calendar date), a
/// weekday, a time of day; or a stretch from now (<c>in 2 hours</c>) and nothing else.
/// <see cref="Resolve"/> turns it into the local date and time it means.
/// </summary>
internal sealed class WhenReading
{
    public LocalTime? Time { get; set; }

    /// <summary>Days from today: <c>today</c>, <c>tomorrow</c>, <c>in 2 weeks</c>.</summary>
    public long? DaysAhead { get; set; }

    /// <summary>A day of the calendar, the year left out or not: <c>26 Dec</c>, <c>2026-12-26</c>.</summary>
    public CalendarDay? Date { get; set; }

    public IsoDayOfWeek? Weekday { get; set; }

    /// <summary>True for <c>next Saturday</c>: the first Saturday after today, never today.</summary>
    public bool WeekdayAfterToday { get; set; }

    /// <summary>The weekday as typed, to name it when it does not fit the date.</summary>
    public string WeekdayTyped { get; set; } = "";

    /// <summary>Minutes from now: <c>in 2 hours</c>, <c>in 30 minutes</c>.</summary>
    public long? MinutesFromNow { get; set; }

    public bool HasDay => DaysAhead is not null || Date is not null;

    /// <summary>
    /// The local date and time meant, relative to <paramref name="now"/> in the group's zone: a weekday or a date
    /// without a year is the next one still ahead, a time without a day is today's if still ahead, else tomorrow's.
    /// </summary>
    public LocalDateTime Resolve(LocalDateTime now, string typed)
    {
        if (Time is not { } time)
        {
            throw new ConvenerRuleException("rule.when.no-time", ("when", typed));
        }

        var today = now.Date;
        LocalDate day;
        if (DaysAhead is { } days)
        {
            if (days > DaysInReach)
            {
                throw new ConvenerRuleException("rule.when.too-far", ("when", typed), ("years", GroupClock.MaxYearsAhead));
            }

            day = today.PlusDays((int)days);
        }
        else if (Date is { } date)
        {
            day = date.Year is { } year ? InYear(date, year, now) : NextAhead(date, time, now);
        }
        else if (Weekday is { } weekday)
        {
            day = today;
            while (day.DayOfWeek != weekday || (WeekdayAfterToday ? day == today : day.At(time) <= now))
            {
                day = day.PlusDays(1);
            }
        }
        else
        {
            day = today.At(time) > now ? today : today.PlusDays(1);
        }

        if (Weekday is { } named && day.DayOfWeek != named)
        {
            throw new ConvenerRuleException(
                "rule.when.weekday-mismatch", ("date", day.ToString("ddd d MMM uuuu", CultureInfo.InvariantCulture)), ("weekday", WeekdayTyped));
        }

        return day.At(time);
    }

    /// <summary>More days than this from today are beyond any date a session may have.</summary>
    public const long DaysInReach = 366L * (GroupClock.MaxYearsAhead + 1);

    private static LocalDate InYear(CalendarDay date, int year, LocalDateTime now)
    {
        // Bound the year before building the date: NodaTime's calendar ends at 9999 and far years overflow conversions.
        if (year < now.Year - 1)
        {
            throw new ConvenerRuleException("rule.when.long-past", ("when", date.Typed), ("years", GroupClock.MaxYearsAhead));
        }

        if (year > now.Year + GroupClock.MaxYearsAhead)
        {
            throw new ConvenerRuleException("rule.when.too-far", ("when", date.Typed), ("years", GroupClock.MaxYearsAhead));
        }

        if (date.Day > CalendarSystem.Iso.GetDaysInMonth(year, date.Month))
        {
            throw new ConvenerRuleException("rule.when.no-such-date", ("date", date.Typed));
        }

        return new LocalDate(year, date.Month, date.Day);
    }

    /// <summary>A date without a year: the next such date still ahead (29 February: the next leap year's).</summary>
    private static LocalDate NextAhead(CalendarDay date, LocalTime time, LocalDateTime now)
    {
        for (var year = now.Year; year <= now.Year + GroupClock.MaxYearsAhead; year++)
        {
            if (date.Day <= CalendarSystem.Iso.GetDaysInMonth(year, date.Month) && new LocalDate(year, date.Month, date.Day).At(time) > now)
            {
                return new LocalDate(year, date.Month, date.Day);
            }
        }

        throw new ConvenerRuleException("rule.when.no-such-date", ("date", date.Typed));
    }
}

/// <summary>A day of a month as typed (<c>26 Dec</c>, <c>2026-12-26</c>); the year when one was given.</summary>
internal readonly record struct CalendarDay(int Day, int Month, int? Year, string Typed);
