using ConvenerBot.Core.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;

namespace ConvenerBot.Core.Tests.Scheduling;

/// <summary>Properties of reading times, over generated text, zones and moments.</summary>
public sealed class WhenGrammarPropertyTests
{
    private static readonly string[] Zones = ["Europe/Oslo", "Asia/Seoul", "America/Sao_Paulo", "America/Santiago", "UTC"];

    private static readonly LocalDateTimePattern Written = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    /// <summary>Now: a minute of 2026–2029, in one of the zones.</summary>
    private static readonly Gen<(DateTimeOffset Now, string Zone)> Moments =
        from minute in Gen.Choose(0, 4 * 365 * 24 * 60)
        from zone in Gen.Elements(Zones)
        select (new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minute), zone);

    [Property(MaxTest = 300)]
    public Property AnyLocalTimeInReach_WrittenAsYyyyMmDdHhMm_ReadsAsItself() => Prop.ForAll(
        (from moment in Moments
         from ahead in Gen.Choose(1, (5 * 365 - 2) * 24 * 60)
         select (moment.Now, moment.Zone, Ahead: ahead)).ToArbitrary(),
        c =>
        {
            var zone = DateTimeZoneProviders.Tzdb[c.Zone];
            var local = Instant.FromDateTimeOffset(c.Now.AddMinutes(c.Ahead)).InZone(zone).LocalDateTime;
            local = local.PlusSeconds(-local.Second);
            var mapping = zone.MapLocal(local);
            var expected = mapping.Count == 1 ? mapping.Single().ToDateTimeOffset() : (DateTimeOffset?)null;

            var read = Read(Written.Format(local), c.Zone, c.Now);

            // A repeated local time (the hour the clocks go back) is asked about instead; the rest reads as itself.
            return mapping.Count == 1
                ? read.Instant == expected || read.Instant is null && expected <= c.Now
                : read.Key == "rule.when.repeated";
        });

    [Property(MaxTest = 500)]
    public Property APhraseOfAFutureDayAndATime_IsReadInAZoneWithoutClockChanges_AtThatTime() => Prop.ForAll(
        (from moment in Moments
         from phrase in FutureDays
         from time in Times
         from timeFirst in Gen.Elements(true, false)
         select (moment.Now, Phrase: timeFirst ? $"{time.Text} {phrase}" : $"{phrase} {time.Text}", time.Time)).ToArbitrary(),
        c =>
        {
            var read = Read(c.Phrase, "Asia/Seoul", c.Now);

            return read.Instant is { } instant
                && instant > c.Now
                && instant <= c.Now.AddYears(GroupClock.MaxYearsAhead)
                && Instant.FromDateTimeOffset(instant).InZone(DateTimeZoneProviders.Tzdb["Asia/Seoul"]).TimeOfDay == c.Time;
        });

    [Property(MaxTest = 1000)]
    public Property AnyPhraseTheGrammarAccepts_IsAheadOfNow_AndWithinReach() => Prop.ForAll(
        (from moment in Moments from phrase in Soup select (moment.Now, moment.Zone, phrase)).ToArbitrary(),
        c =>
        {
            var read = Read(c.phrase, c.Zone, c.Now);

            return read.Instant is not { } instant || instant > c.Now && instant <= c.Now.AddYears(GroupClock.MaxYearsAhead);
        });

    [Property(MaxTest = 1000)]
    public Property AnyText_IsReadOrRefusedWithAReply_NeverAnotherError() => Prop.ForAll(
        (from moment in Moments
         from text in Gen.OneOf(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""), Soup)
         select (moment.Now, moment.Zone, text)).ToArbitrary(),
        c =>
        {
            var read = Read(c.text, c.Zone, c.Now);

            return read.Instant is not null || read.Reply is { Length: > 0 };
        });

    /// <summary>Days ahead of any now: never today, at most a few years on.</summary>
    private static Gen<string> FutureDays => Gen.OneOf(
        Gen.Elements("tomorrow", "day after tomorrow"),
        from next in Gen.Elements("next ", "")
        from day in Gen.Elements(WhenLanguages.English.Weekdays.Keys.ToArray())
        select next + day,
        from n in Gen.Choose(1, 200)
        from unit in Gen.Elements("days", "weeks")
        select $"in {n} {unit}",
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, 28)
        from name in Gen.Elements(WhenLanguages.English.Months.Where(m => m.Value == month).Select(m => m.Key).ToArray())
        from dayFirst in Gen.Elements(true, false)
        select dayFirst ? $"{day} {name}" : $"{name} {day}");

    /// <summary>Times of day as typed, with the time they mean.</summary>
    private static Gen<(string Text, LocalTime Time)> Times =>
        from hour in Gen.Choose(0, 23)
        from minute in Gen.Choose(0, 59)
        from form in Gen.Choose(0, 3)
        select form switch
        {
            0 => ($"{hour:00}:{minute:00}", new LocalTime(hour, minute)),
            1 => ($"{(hour + 11) % 12 + 1}:{minute:00}{(hour < 12 ? "am" : "pm")}", new LocalTime(hour, minute)),
            2 => ($"at {(hour + 11) % 12 + 1} {(hour < 12 ? "am" : "pm")}", new LocalTime(hour, 0)),
            _ => ($"at {hour}", new LocalTime(hour, 0)),
        };

    /// <summary>Words of the grammar, numbers and signs in any order: text that gets far into the rules.</summary>
    private static Gen<string> Soup =>
        Gen.ListOf(Gen.OneOf(
            Gen.Elements(Vocabulary),
            Gen.Choose(0, 3000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Elements(":", "-", ",", "+", ".", "'", "+01:00", "-03:00", "🙂", "26th", "10am", "18:30", "2027-10-31", "31")))
            .Select(parts => string.Join(Blank(parts.Count), parts));

    private static readonly string[] Vocabulary = [.. WhenLanguages.English.Phrases];

    private static string Blank(int count) => count % 3 == 0 ? "" : " ";

    /// <summary>The instant read, or the refusal's key and text; any other exception fails the property.</summary>
    private static (DateTimeOffset? Instant, string? Key, string? Reply) Read(string text, string zone, DateTimeOffset now)
    {
        try
        {
            return (GroupClock.ParseFuture(text, zone, now), null, null);
        }
        catch (ConvenerRuleException refused)
        {
            return (null, refused.Phrase.Key, RuleText.Of(refused));
        }
    }
}
