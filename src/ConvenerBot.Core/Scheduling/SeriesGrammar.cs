namespace ConvenerBot.Core.Scheduling;

/// <summary>
/// Reads a series' rule as people type it (<c>last Saturday of every month at 10:00</c>, <c>every second Tuesday
/// at 18:30</c>, <c>monthly on the first Friday at 19:00, 6 times</c>) with the same tokens, cursor, word tables
/// and time-of-day and date rules as <see cref="WhenGrammar"/>: parts in any order, each at most once, words
/// only from the language's <see cref="WhenWords"/>.
/// </summary>
internal static class SeriesGrammar
{
    private delegate bool Rule(WhenCursor cursor, WhenWords words, Parts parts);

    private static readonly Rule[] Rules = [Filler, Every, Period, OrdinalWeekday, Weekday, Count, Until, TimeOfDay];

    /// <summary>The rule <paramref name="text"/> says, or null when some of it is not part of a rule or a part is missing.</summary>
    public static SeriesRule? Read(string text, WhenWords words)
    {
        var cursor = new WhenCursor(text, WhenTokenizer.Read(text));
        var parts = new Parts();
        while (!cursor.AtEnd)
        {
            var mark = cursor.Position;
            if (!Rules.Any(rule => rule(cursor, words, parts) || Reset(cursor, mark)))
            {
                return null;
            }
        }

        var frequency = parts.Frequency ?? (parts.Ordinal is not null ? SeriesFrequency.Monthly : null);
        if (frequency is not { } f || parts.Weekday is not { } weekday || parts.Time is not { } time)
        {
            return null;
        }

        // A monthly series meets on one weekday of the month (the first … the last); a weekly one on a weekday.
        if (f is SeriesFrequency.Monthly != parts.Ordinal is not null)
        {
            return null;
        }

        var rule = new SeriesRule(f, parts.Interval ?? 1, weekday, parts.Ordinal, time, parts.Count, parts.Until);
        return rule.Interval >= 1 && rule.Interval <= rule.MaxInterval ? rule : null;
    }

    private static bool Reset(WhenCursor cursor, int mark)
    {
        cursor.Position = mark;
        return false;
    }

    private static bool Filler(WhenCursor cursor, WhenWords words, Parts parts) =>
        WhenGrammar.Filler(cursor, words, new WhenReading()) || cursor.Phrase(words.Of);

    /// <summary><c>every month</c>, <c>every 2 weeks</c>, <c>every Monday</c>, <c>every second Tuesday</c> (every two weeks).</summary>
    private static bool Every(WhenCursor cursor, WhenWords words, Parts parts)
    {
        if (parts.Frequency is not null || !cursor.Phrase(words.Every))
        {
            return false;
        }

        if (cursor.Number(1, 3) is { } number)
        {
            parts.Interval = (int)number;
        }
        else if (cursor.Lookup(words.Counts, out var count) || cursor.Lookup(words.Ordinals, out count) && count > 1)
        {
            parts.Interval = count;
        }

        if (cursor.Lookup(words.Periods, out var frequency))
        {
            parts.Frequency = frequency;
            return true;
        }

        if (parts.Weekday is null && cursor.Lookup(words.Weekdays, out var weekday))
        {
            parts.Weekday = weekday;
            parts.Frequency = SeriesFrequency.Weekly;
            return true;
        }

        parts.Interval = null;
        return false;
    }

    /// <summary><c>monthly</c>, <c>weekly</c>, and <c>month</c> in <c>… of the month</c>.</summary>
    private static bool Period(WhenCursor cursor, WhenWords words, Parts parts)
    {
        if (parts.Frequency is not null || !cursor.Lookup(words.Periods, out var frequency))
        {
            return false;
        }

        parts.Frequency = frequency;
        return true;
    }

    /// <summary><c>last Saturday</c>, <c>first Friday</c>, <c>2nd Tuesday</c>.</summary>
    private static bool OrdinalWeekday(WhenCursor cursor, WhenWords words, Parts parts)
    {
        if (parts.Ordinal is not null || parts.Weekday is not null)
        {
            return false;
        }

        int ordinal;
        if (cursor.Number(1, 1) is { } number and >= 1 and <= 4 && cursor.Phrase(words.OrdinalSuffixes))
        {
            ordinal = (int)number;
        }
        else if (!cursor.Lookup(words.Ordinals, out ordinal))
        {
            return false;
        }

        if (!cursor.Lookup(words.Weekdays, out var weekday))
        {
            return false;
        }

        parts.Ordinal = ordinal;
        parts.Weekday = weekday;
        return true;
    }

    /// <summary><c>on Thursday</c>.</summary>
    private static bool Weekday(WhenCursor cursor, WhenWords words, Parts parts)
    {
        if (parts.Weekday is not null || !cursor.Lookup(words.Weekdays, out var weekday))
        {
            return false;
        }

        parts.Weekday = weekday;
        return true;
    }

    /// <summary><c>6 times</c>, <c>six times</c>.</summary>
    private static bool Count(WhenCursor cursor, WhenWords words, Parts parts)
    {
        if (parts.Count is not null)
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

        if (!cursor.Phrase(words.Times))
        {
            return false;
        }

        parts.Count = (int)Math.Min(count, int.MaxValue);
        return true;
    }

    /// <summary><c>until 2027-06-30</c>.</summary>
    private static bool Until(WhenCursor cursor, WhenWords words, Parts parts)
    {
        var reading = new WhenReading();
        if (parts.Until is not null || !cursor.Phrase(words.Until) || !WhenGrammar.IsoDate(cursor, words, reading) || reading.Date is not { Year: { } year } date)
        {
            return false;
        }

        if (date.Day > NodaTime.CalendarSystem.Iso.GetDaysInMonth(year, date.Month))
        {
            throw new ConvenerRuleException("rule.when.no-such-date", ("date", date.Typed));
        }

        parts.Until = new NodaTime.LocalDate(year, date.Month, date.Day);
        return true;
    }

    /// <summary><c>at 10:00</c>, <c>18:30</c>, <c>8am</c>: the time-of-day rule of <see cref="WhenGrammar"/>.</summary>
    private static bool TimeOfDay(WhenCursor cursor, WhenWords words, Parts parts)
    {
        var reading = new WhenReading();
        if (parts.Time is not null || !WhenGrammar.TimeOfDay(cursor, words, reading))
        {
            return false;
        }

        parts.Time = reading.Time;
        return true;
    }

    private sealed class Parts
    {
        public SeriesFrequency? Frequency { get; set; }

        public int? Interval { get; set; }

        public NodaTime.IsoDayOfWeek? Weekday { get; set; }

        public int? Ordinal { get; set; }

        public NodaTime.LocalTime? Time { get; set; }

        public int? Count { get; set; }

        public NodaTime.LocalDate? Until { get; set; }
    }
}
