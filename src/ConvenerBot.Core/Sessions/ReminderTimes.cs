using System.Globalization;
using System.Text.RegularExpressions;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// A group's reminder times: how long before each session its reminders come, in minutes, latest last.
/// Typed as <c>7d 1d 1h</c> (days, hours, minutes), or <c>none</c>.
/// </summary>
public static partial class ReminderTimes
{
    public const int MaxCount = 5;

    public const int MaxDays = 60;

    public const string NoneWord = "none";

    private const int MinutesPerDay = 24 * 60;

    /// <summary>A week, a day and an hour before.</summary>
    public static IReadOnlyList<int> Default { get; } = [7 * MinutesPerDay, MinutesPerDay, 60];

    /// <summary>
    /// Reads reminder times as typed, earliest first, or throws a rule exception that says what is wrong:
    /// a time that cannot be read, is negative or zero, is more than <see cref="MaxDays"/> days, is given twice
    /// (also as <c>1d 24h</c>), or more than <see cref="MaxCount"/> of them.
    /// </summary>
    public static IReadOnlyList<int> Parse(string text)
    {
        var words = (text ?? "").Split([' ', '\t', '\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1 && string.Equals(words[0], NoneWord, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        if (words.Length == 0)
        {
            throw new ConvenerRuleException("rule.reminders.empty");
        }

        var seen = new Dictionary<int, string>();
        foreach (var word in words)
        {
            if (string.Equals(word, NoneWord, StringComparison.OrdinalIgnoreCase))
            {
                throw new ConvenerRuleException("rule.reminders.none-alone");
            }

            var minutes = Read(word);
            if (seen.TryGetValue(minutes, out var first))
            {
                throw new ConvenerRuleException("rule.reminders.twice", ("first", Shorten(first)), ("second", Shorten(word)));
            }

            seen[minutes] = word;
        }

        if (seen.Count > MaxCount)
        {
            throw new ConvenerRuleException("rule.reminders.too-many", ("count", seen.Count), ("max", MaxCount));
        }

        return [.. seen.Keys.OrderDescending()];
    }

    /// <summary>Times as they are typed: <c>7d 1d 1h</c>, or <c>none</c>.</summary>
    public static string Code(IReadOnlyList<int> minutesBefore) =>
        minutesBefore.Count == 0 ? NoneWord : string.Join(' ', minutesBefore.Select(Code));

    /// <summary>One time as it is typed, in the largest unit it is a whole number of: <c>1d</c>, <c>36h</c>, <c>90m</c>.</summary>
    public static string Code(int minutes) =>
        minutes % MinutesPerDay == 0 ? string.Create(CultureInfo.InvariantCulture, $"{minutes / MinutesPerDay}d")
        : minutes % 60 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}h")
        : string.Create(CultureInfo.InvariantCulture, $"{minutes}m");

    /// <summary>A time as it is said: "7 days", "1 hour", "90 minutes".</summary>
    public static Phrase Describe(int minutes) =>
        minutes % MinutesPerDay == 0 ? Days(minutes / MinutesPerDay)
        : minutes % 60 == 0 ? Hours(minutes / 60)
        : Minutes(minutes);

    /// <summary>
    /// The reminder that also goes privately to those who said they are coming: the one closest to a day before
    /// the session (of two as close, the earlier). Null when there are no reminders.
    /// </summary>
    public static int? Private(IReadOnlyList<int> minutesBefore) =>
        minutesBefore.Count == 0 ? null : minutesBefore.OrderBy(m => Math.Abs(m - MinutesPerDay)).ThenByDescending(m => m).First();

    /// <summary>Whether a reminder asks who brings a case (when the session has none): the group's earliest, and any two days or more ahead.</summary>
    public static bool AsksForCase(int minutes, IReadOnlyList<int> minutesBefore) =>
        minutes >= 2 * MinutesPerDay || (minutesBefore.Count > 0 && minutes == minutesBefore.Max());

    private static int Read(string word)
    {
        var match = Pattern().Match(word);
        if (!match.Success)
        {
            throw new ConvenerRuleException("rule.reminders.unreadable", ("word", Shorten(word)));
        }

        if (match.Groups[1].Length > 0)
        {
            throw new ConvenerRuleException("rule.reminders.negative", ("word", Shorten(word)));
        }

        var unit = char.ToLowerInvariant(match.Groups[3].Value[0]);
        var perUnit = unit switch { 'd' => MinutesPerDay, 'h' => 60, _ => 1 };
        var digits = match.Groups[2].Value.TrimStart('0');
        if (digits.Length == 0)
        {
            throw new ConvenerRuleException("rule.reminders.zero", ("word", Shorten(word)));
        }

        if (digits.Length > 7 || long.Parse(digits, CultureInfo.InvariantCulture) * perUnit > MaxDays * MinutesPerDay)
        {
            throw new ConvenerRuleException("rule.reminders.too-far", ("word", Shorten(word)), ("max", MaxDays));
        }

        return int.Parse(digits, CultureInfo.InvariantCulture) * perUnit;
    }

    private static Phrase Days(int count) => Phrase.Of(count == 1 ? "count.days.one" : "count.days.other", ("count", count));

    private static Phrase Hours(int count) => Phrase.Of(count == 1 ? "count.hours.one" : "count.hours.other", ("count", count));

    private static Phrase Minutes(int count) => Phrase.Of(count == 1 ? "count.minutes.one" : "count.minutes.other", ("count", count));

    private static string Shorten(string word) => UserText.Shorten(word, 20);

    [GeneratedRegex(@"^(-?)([0-9]+)([dhmDHM])\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
