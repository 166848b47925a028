using NodaTime;

namespace ConvenerBot.Core.Scheduling;

/// <summary>
/// The time grammar's words per language. To teach it a language, add a <see cref="WhenWords"/> table here
/// and list it in <see cref="All"/>; a group whose language has no table reads English.
/// </summary>
public static class WhenLanguages
{
    public static WhenWords English { get; } = new()
    {
        Language = "en",
        Months = new Dictionary<string, int>
        {
            ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3,
            ["april"] = 4, ["apr"] = 4, ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7,
            ["august"] = 8, ["aug"] = 8, ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["october"] = 10, ["oct"] = 10,
            ["november"] = 11, ["nov"] = 11, ["december"] = 12, ["dec"] = 12,
        },
        Weekdays = new Dictionary<string, IsoDayOfWeek>
        {
            ["monday"] = IsoDayOfWeek.Monday, ["mon"] = IsoDayOfWeek.Monday,
            ["tuesday"] = IsoDayOfWeek.Tuesday, ["tue"] = IsoDayOfWeek.Tuesday, ["tues"] = IsoDayOfWeek.Tuesday,
            ["wednesday"] = IsoDayOfWeek.Wednesday, ["wed"] = IsoDayOfWeek.Wednesday,
            ["thursday"] = IsoDayOfWeek.Thursday, ["thu"] = IsoDayOfWeek.Thursday, ["thur"] = IsoDayOfWeek.Thursday, ["thurs"] = IsoDayOfWeek.Thursday,
            ["friday"] = IsoDayOfWeek.Friday, ["fri"] = IsoDayOfWeek.Friday,
            ["saturday"] = IsoDayOfWeek.Saturday, ["sat"] = IsoDayOfWeek.Saturday,
            ["sunday"] = IsoDayOfWeek.Sunday, ["sun"] = IsoDayOfWeek.Sunday,
        },
        DaysFromToday = new Dictionary<string, int> { ["today"] = 0, ["tomorrow"] = 1, ["day after tomorrow"] = 2 },
        Next = new HashSet<string> { "next" },
        This = new HashSet<string> { "this", "coming", "this coming" },
        At = new HashSet<string> { "at", "@" },
        In = new HashSet<string> { "in" },
        Counts = new Dictionary<string, int>
        {
            ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
            ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        },
        Units = new Dictionary<string, WhenUnit>
        {
            ["minute"] = WhenUnit.Minute, ["minutes"] = WhenUnit.Minute, ["min"] = WhenUnit.Minute, ["mins"] = WhenUnit.Minute,
            ["hour"] = WhenUnit.Hour, ["hours"] = WhenUnit.Hour,
            ["day"] = WhenUnit.Day, ["days"] = WhenUnit.Day,
            ["week"] = WhenUnit.Week, ["weeks"] = WhenUnit.Week,
        },
        AfterNoon = new Dictionary<string, bool> { ["am"] = false, ["a.m"] = false, ["pm"] = true, ["p.m"] = true },
        NamedTimes = new Dictionary<string, LocalTime> { ["noon"] = new(12, 0), ["midday"] = new(12, 0) },
        OClock = new HashSet<string> { "o'clock", "o’clock" },
        OrdinalSuffixes = new HashSet<string> { "st", "nd", "rd", "th" },
        Of = new HashSet<string> { "of" },
        Fillers = new HashSet<string> { "on", "the", "," },
        Every = new HashSet<string> { "every", "each" },
        Ordinals = new Dictionary<string, int>
        {
            ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["last"] = -1,
        },
        Periods = new Dictionary<string, SeriesFrequency>
        {
            ["week"] = SeriesFrequency.Weekly, ["weeks"] = SeriesFrequency.Weekly, ["weekly"] = SeriesFrequency.Weekly,
            ["month"] = SeriesFrequency.Monthly, ["months"] = SeriesFrequency.Monthly, ["monthly"] = SeriesFrequency.Monthly,
        },
        Until = new HashSet<string> { "until", "till", "through" },
        Times = new HashSet<string> { "times", "sessions", "occurrences" },
    };

    /// <summary>Every language the grammar reads, by catalog language.</summary>
    public static IReadOnlyDictionary<string, WhenWords> All { get; } = new[] { English }.ToDictionary(w => w.Language, StringComparer.Ordinal);

    /// <summary>The words of a group's language, or English when there are none.</summary>
    public static WhenWords For(string? language) =>
        language is not null && All.TryGetValue(language, out var words) ? words : English;
}
