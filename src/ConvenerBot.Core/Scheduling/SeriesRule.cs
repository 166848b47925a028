using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ConvenerBot.Core.Scheduling;

/// <summary>
/// When a series meets, as read from a rule people type (<see cref="SeriesGrammar"/>) and as stored: an RFC 5545
/// RRULE (<see cref="ToRRule"/>, e.g. <c>FREQ=MONTHLY;BYDAY=-1SA</c>) and the wall time in the group's zone,
/// which every session of the series keeps across daylight-saving changes.
/// </summary>
/// <param name="Frequency">Weekly or monthly.</param>
/// <param name="Interval">Every how many weeks or months (1 and up).</param>
/// <param name="Weekday">The day of the week it meets on.</param>
/// <param name="Ordinal">For monthly series: which such weekday of the month (1–4, or -1 for the last).</param>
/// <param name="Time">The wall time in the group's zone.</param>
/// <param name="Count">How many sessions in all, when it has a count (RFC 5545 <c>COUNT</c>).</param>
/// <param name="Until">The last day it may meet on, in the group's zone, when it has one (<c>UNTIL</c>).</param>
public sealed record SeriesRule(
    SeriesFrequency Frequency, int Interval, IsoDayOfWeek Weekday, int? Ordinal, LocalTime Time, int? Count = null, LocalDate? Until = null)
{
    /// <summary>The most sessions a series with a count may have.</summary>
    public const int MaxCount = 500;

    /// <summary>The longest gap between sessions: 52 weeks or 12 months.</summary>
    public int MaxInterval => Frequency is SeriesFrequency.Weekly ? 52 : 12;

    private static readonly LocalDatePattern UntilDate = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    private static readonly string[] Days = ["", "MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    /// <summary>
    /// The RRULE, in RFC 5545's order of parts. <c>UNTIL</c> is written as a date (the value type of a
    /// <c>DTSTART</c> kept as a local wall time in the group's zone, with the time kept beside it).
    /// </summary>
    public string ToRRule()
    {
        var parts = new List<string> { "FREQ=" + (Frequency is SeriesFrequency.Weekly ? "WEEKLY" : "MONTHLY") };
        if (Interval != 1)
        {
            parts.Add("INTERVAL=" + Interval.ToString(CultureInfo.InvariantCulture));
        }

        parts.Add("BYDAY=" + (Ordinal is { } ordinal ? ordinal.ToString(CultureInfo.InvariantCulture) : "") + Days[(int)Weekday]);
        if (Count is { } count)
        {
            parts.Add("COUNT=" + count.ToString(CultureInfo.InvariantCulture));
        }

        if (Until is { } until)
        {
            parts.Add("UNTIL=" + UntilDate.Format(until));
        }

        return string.Join(';', parts);
    }

    /// <summary>
    /// The rule in words, from the message catalog ("the last Saturday of every month at 10:00, until …"), so
    /// members read what was understood rather than the RRULE.
    /// </summary>
    public Text.Phrase Words()
    {
        var day = Text.Phrase.Of("weekday." + Weekday.ToString().ToLowerInvariant());
        var time = Time.ToString("HH:mm", CultureInfo.InvariantCulture);
        var rule = (Frequency, Interval) switch
        {
            (SeriesFrequency.Weekly, 1) => Text.Phrase.Of("series.words.weekly.one", ("day", day), ("time", time)),
            (SeriesFrequency.Weekly, _) => Text.Phrase.Of("series.words.weekly.other", ("interval", Interval), ("day", day), ("time", time)),
            (_, 1) => Text.Phrase.Of("series.words.monthly.one", ("ordinal", OrdinalWord()), ("day", day), ("time", time)),
            _ => Text.Phrase.Of("series.words.monthly.other", ("ordinal", OrdinalWord()), ("day", day), ("interval", Interval), ("time", time)),
        };
        if (Count is { } count)
        {
            rule = Text.Phrase.Of("series.words.count", ("rule", rule), ("count", count));
        }

        return Until is { } until
            ? Text.Phrase.Of("series.words.until", ("rule", rule), ("date", until.ToString("d MMM uuuu", CultureInfo.InvariantCulture)))
            : rule;
    }

    private Text.Phrase OrdinalWord() => Text.Phrase.Of(Ordinal switch
    {
        -1 => "series.ordinal.last",
        2 => "series.ordinal.second",
        3 => "series.ordinal.third",
        4 => "series.ordinal.fourth",
        _ => "series.ordinal.first",
    });

    /// <summary>Reads back a rule written by <see cref="ToRRule"/>, with its wall time; null for anything else.</summary>
    public static SeriesRule? FromRRule(string rrule, LocalTime time)
    {
        ArgumentNullException.ThrowIfNull(rrule);
        SeriesFrequency? frequency = null;
        int interval = 1;
        int? ordinal = null, count = null;
        IsoDayOfWeek? weekday = null;
        LocalDate? until = null;
        foreach (var part in rrule.Split(';'))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                return null;
            }

            switch (pair[0])
            {
                case "FREQ" when pair[1] is "WEEKLY" or "MONTHLY":
                    frequency = pair[1] is "WEEKLY" ? SeriesFrequency.Weekly : SeriesFrequency.Monthly;
                    break;
                case "INTERVAL" when int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i > 0:
                    interval = i;
                    break;
                case "COUNT" when int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var c):
                    count = c;
                    break;
                case "UNTIL" when UntilDate.Parse(pair[1]) is { Success: true } parsed:
                    until = parsed.Value;
                    break;
                case "BYDAY" when pair[1].Length >= 2 && Array.IndexOf(Days, pair[1][^2..]) is > 0 and var day:
                    weekday = (IsoDayOfWeek)day;
                    if (pair[1].Length > 2)
                    {
                        if (!int.TryParse(pair[1][..^2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var o))
                        {
                            return null;
                        }

                        ordinal = o;
                    }

                    break;
                default:
                    return null;
            }
        }

        return frequency is { } f && weekday is { } w ? new SeriesRule(f, interval, w, ordinal, time, count, until) : null;
    }
}
