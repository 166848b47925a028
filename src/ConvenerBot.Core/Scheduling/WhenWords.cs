using NodaTime;

namespace ConvenerBot.Core.Scheduling;

/// <summary>
/// The words of one language that the time grammar (<see cref="WhenGrammar"/>) reads. Every entry is lower case
/// and may be several words (<c>day after tomorrow</c>); a trailing dot is dropped before looking a word up
/// (<c>Dec.</c> is <c>dec</c>). The rules only ask these tables, so a language is one more table in
/// <see cref="WhenLanguages"/>, never a new code path.
/// </summary>
public sealed record WhenWords
{
    /// <summary>The catalog language the words belong to (<c>en</c>).</summary>
    public required string Language { get; init; }

    /// <summary>Month names and their abbreviations, to the month's number (<c>dec</c> → 12).</summary>
    public required IReadOnlyDictionary<string, int> Months { get; init; }

    /// <summary>Weekday names and abbreviations (<c>sat</c> → Saturday).</summary>
    public required IReadOnlyDictionary<string, IsoDayOfWeek> Weekdays { get; init; }

    /// <summary>Days named from today (<c>today</c> → 0, <c>tomorrow</c> → 1).</summary>
    public required IReadOnlyDictionary<string, int> DaysFromToday { get; init; }

    /// <summary>Before a weekday: the first such day after today, never today (<c>next</c>).</summary>
    public required IReadOnlySet<string> Next { get; init; }

    /// <summary>Before a weekday: the same as the weekday alone, the next one still ahead (<c>this</c>).</summary>
    public required IReadOnlySet<string> This { get; init; }

    /// <summary>Before a time; after one of these an hour alone is a time (<c>at 9</c>).</summary>
    public required IReadOnlySet<string> At { get; init; }

    /// <summary>Before a count of days, weeks, hours or minutes from now (<c>in</c> 2 weeks).</summary>
    public required IReadOnlySet<string> In { get; init; }

    /// <summary>Counts written as words (<c>a</c> week, <c>two</c> days).</summary>
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    /// <summary>Units of a count from now (<c>weeks</c>, <c>days</c>, <c>hours</c>).</summary>
    public required IReadOnlyDictionary<string, WhenUnit> Units { get; init; }

    /// <summary>After an hour: the 12-hour clock's halves (<c>am</c> → false, <c>pm</c> → true).</summary>
    public required IReadOnlyDictionary<string, bool> AfterNoon { get; init; }

    /// <summary>Times with a name (<c>noon</c> → 12:00).</summary>
    public required IReadOnlyDictionary<string, LocalTime> NamedTimes { get; init; }

    /// <summary>After an hour alone, saying it is one (<c>o'clock</c>).</summary>
    public required IReadOnlySet<string> OClock { get; init; }

    /// <summary>After a day of the month (<c>26th</c>, <c>1st</c>).</summary>
    public required IReadOnlySet<string> OrdinalSuffixes { get; init; }

    /// <summary>Between a day and its month (<c>26th of December</c>).</summary>
    public required IReadOnlySet<string> Of { get; init; }

    /// <summary>Words and signs that join the parts and mean nothing themselves (<c>on</c>, <c>the</c>, a comma).</summary>
    public required IReadOnlySet<string> Fillers { get; init; }

    /// <summary>Before what repeats, in a series' rule (<c>every</c> Monday, <c>every</c> 2 weeks).</summary>
    public IReadOnlySet<string> Every { get; init; } = new HashSet<string>();

    /// <summary>Which weekday of a month (<c>first</c> → 1, <c>last</c> → -1); right after <see cref="Every"/>, how many weeks apart (<c>every second Tuesday</c>).</summary>
    public IReadOnlyDictionary<string, int> Ordinals { get; init; } = new Dictionary<string, int>();

    /// <summary>What a series repeats by (<c>month</c>, <c>weeks</c>, <c>monthly</c>).</summary>
    public IReadOnlyDictionary<string, SeriesFrequency> Periods { get; init; } = new Dictionary<string, SeriesFrequency>();

    /// <summary>Before the last day of a series (<c>until</c> 2027-06-30).</summary>
    public IReadOnlySet<string> Until { get; init; } = new HashSet<string>();

    /// <summary>After how many sessions a series has (6 <c>times</c>).</summary>
    public IReadOnlySet<string> Times { get; init; } = new HashSet<string>();

    /// <summary>Every entry of every table.</summary>
    public IEnumerable<string> Phrases =>
    [
        .. Months.Keys, .. Weekdays.Keys, .. DaysFromToday.Keys, .. Next, .. This, .. At, .. In, .. Counts.Keys, .. Units.Keys,
        .. AfterNoon.Keys, .. NamedTimes.Keys, .. OClock, .. OrdinalSuffixes, .. Of, .. Fillers,
        .. Every, .. Ordinals.Keys, .. Periods.Keys, .. Until, .. Times,
    ];
}
