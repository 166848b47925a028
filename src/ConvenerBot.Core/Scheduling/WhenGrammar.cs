using NodaTime;

namespace ConvenerBot.Core.Scheduling;

/// <summary>
/// A small grammar for times as people type them (<c>next Saturday 10am</c>, <c>26 Dec at 9</c>, <c>in 2 weeks
/// at 9</c>): the text is cut into tokens, and a few rules, each reading one part (a date, a weekday, a day
/// counted from today, a time of day, a stretch from now, a joining word), take turns until the text is read.
/// The parts come in any order, each at most once. The rules know no words: they ask the language's
/// <see cref="WhenWords"/>. Shapes that are clearly a date or a time but name none (<c>31 February</c>,
/// <c>25:00</c>, <c>13pm</c>) are refused on the spot with what was typed.
/// </summary>
internal static class WhenGrammar
{
    private delegate bool Rule(WhenCursor cursor, WhenWords words, WhenReading reading);

    private static readonly Rule[] Rules = [Filler, IsoDate, DayThenMonth, MonthThenDay, DayFromToday, Weekday, CountFromNow, TimeOfDay];

    /// <summary>The parts of <paramref name="text"/>, or null when some of it is not a part of a time.</summary>
    public static WhenReading? Read(string text, WhenWords words)
    {
        var cursor = new WhenCursor(text, WhenTokenizer.Read(text));
        var reading = new WhenReading();
        while (!cursor.AtEnd)
        {
            var mark = cursor.Position;
            if (!Rules.Any(rule => rule(cursor, words, reading) || Reset(cursor, mark)))
            {
                return null;
            }
        }

        var somethingElse = reading.HasDay || reading.Weekday is not null || reading.Time is not null;
        return reading.MinutesFromNow is not null && somethingElse || reading.MinutesFromNow is null && !somethingElse ? null : reading;
    }

    private static bool Reset(WhenCursor cursor, int mark)
    {
        cursor.Position = mark;
        return false;
    }

    internal static bool Filler(WhenCursor cursor, WhenWords words, WhenReading reading) => cursor.Phrase(words.Fillers);

    /// <summary><c>2026-12-26</c>.</summary>
    internal static bool IsoDate(WhenCursor cursor, WhenWords words, WhenReading reading)
    {
        var start = cursor.Position;
        if (reading.HasDay || cursor.Number(4, 4) is not { } year || !cursor.Sign('-') || cursor.Number(1, 2) is not { } month
            || !cursor.Sign('-') || cursor.Number(1, 2) is not { } day)
        {
            return false;
        }

        reading.Date = Day(day, month, (int)year, cursor.Typed(start));
        return true;
    }

    /// <summary><c>26 Dec</c>, <c>26th of December 2026</c>.</summary>
    private static bool DayThenMonth(WhenCursor cursor, WhenWords words, WhenReading reading)
    {
        var start = cursor.Position;
        if (reading.HasDay || cursor.Number(1, 2) is not { } day)
        {
            return false;
        }

        cursor.Phrase(words.OrdinalSuffixes);
        cursor.Phrase(words.Of);
        if (!cursor.Lookup(words.Months, out var month))
        {
            return false;
        }

        reading.Date = Day(day, month, Year(cursor), cursor.Typed(start));
        return true;
    }

    /// <summary><c>Dec 26</c>, <c>December 26th, 2026</c>.</summary>
    private static bool MonthThenDay(WhenCursor cursor, WhenWords words, WhenReading reading)
    {
        var start = cursor.Position;
        if (reading.HasDay || !cursor.Lookup(words.Months, out var month) || cursor.Number(1, 2) is not { } day)
        {
            return false;
        }

        cursor.Phrase(words.OrdinalSuffixes);
        reading.Date = Day(day, month, Year(cursor), cursor.Typed(start));
        return true;
    }

    /// <summary><c>today</c>, <c>tomorrow</c>.</summary>
    private static bool DayFromToday(WhenCursor cursor, WhenWords words, WhenReading reading)
    {
        if (reading.HasDay || !cursor.Lookup(words.DaysFromToday, out var days))
        {
            return false;
        }

        reading.DaysAhead = days;
        return true;
    }

    /// <summary><c>Saturday</c>, <c>this Saturday</c>, <c>next Saturday</c>.</summary>
    private static bool Weekday(WhenCursor cursor, WhenWords words, WhenReading reading)
    {
        var next = cursor.Phrase(words.Next);
        if (!next)
        {
            cursor.Phrase(words.This);
        }

        var start = cursor.Position;
        if (reading.Weekday is not null || !cursor.Lookup(words.Weekdays, out var weekday))
        {
            return false;
        }

        reading.Weekday = weekday;
        reading.WeekdayAfterToday = next;
        reading.WeekdayTyped = cursor.Typed(start);
        return true;
    }

    /// <summary><c>in 2 weeks</c>, <c>in a day</c> (a day), <c>in 3 hours</c> (an instant).</summary>
    private static bool CountFromNow(WhenCursor cursor, WhenWords words, WhenReading reading)
    {
        if (!cursor.Phrase(words.In))
        {
            return false;
        }

        long count;
        if (cursor.Number(1, 9) is { } number)
        {
            count = number;
        }
        else if (cursor.Lookup(words.Counts, out var written))
        {
            count = written;
        }
        else
        {
            return false;
        }

        if (!cursor.Lookup(words.Units, out var unit))
        {
            return false;
        }

        if (unit is WhenUnit.Day or WhenUnit.Week)
        {
            if (reading.HasDay)
            {
                return false;
            }

            reading.DaysAhead = unit is WhenUnit.Week ? count * 7 : count;
        }
        else
        {
            if (reading.MinutesFromNow is not null)
            {
                return false;
            }

            reading.MinutesFromNow = unit is WhenUnit.Hour ? count * 60 : count;
        }

        return true;
    }

    /// <summary>
    /// <c>18:30</c>, <c>10am</c>, <c>10:30 pm</c>, <c>noon</c>, and after <c>at</c> an hour alone (<c>at 9</c>:
    /// 09:00; with no am or pm an hour is on the 24-hour clock).
    /// </summary>
    internal static bool TimeOfDay(WhenCursor cursor, WhenWords words, WhenReading reading)
    {
        if (reading.Time is not null)
        {
            return false;
        }

        var at = cursor.Phrase(words.At);
        if (cursor.Lookup(words.NamedTimes, out var named))
        {
            reading.Time = named;
            return true;
        }

        var start = cursor.Position;
        if (cursor.Number(1, 2) is not { } hour)
        {
            return false;
        }

        long? minute = null;
        if (cursor.Sign(':'))
        {
            if (cursor.Number(2, 2) is not { } read)
            {
                return false;
            }

            minute = read;
        }

        bool? afterNoon = cursor.Lookup(words.AfterNoon, out var pm) ? pm : null;
        var oClock = minute is null && afterNoon is null && cursor.Phrase(words.OClock);
        if (minute is null && afterNoon is null && !at && !oClock)
        {
            return false;
        }

        var valid = afterNoon is null ? hour <= 23 : hour is >= 1 and <= 12;
        if (!valid || minute > 59)
        {
            throw new ConvenerRuleException("rule.when.no-such-time", ("time", cursor.Typed(start)));
        }

        var hours = afterNoon switch
        {
            true => (int)hour % 12 + 12,
            false => (int)hour % 12,
            null => (int)hour,
        };
        reading.Time = new LocalTime(hours, (int)(minute ?? 0));
        return true;
    }

    private static int? Year(WhenCursor cursor)
    {
        var mark = cursor.Position;
        cursor.Sign(',');
        if (cursor.Number(4, 4) is { } year)
        {
            return (int)year;
        }

        cursor.Position = mark;
        return null;
    }

    /// <summary>A day of a month; one that no year has (31 February, 0 May, month 13) is refused here.</summary>
    private static CalendarDay Day(long day, long month, int? year, string typed)
    {
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(2000, (int)month))
        {
            throw new ConvenerRuleException("rule.when.no-such-date", ("date", typed));
        }

        return new CalendarDay((int)day, (int)month, year, typed);
    }
}
