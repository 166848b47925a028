using ConvenerBot.Core.Scheduling;
using NodaTime;

namespace ConvenerBot.Core.Tests.Scheduling;

/// <summary>Series rules as people type them, stored as RFC 5545 RRULEs, and the sessions they expand to in the group's zone.</summary>
public sealed class SeriesRuleTests
{
    private const string Oslo = "Europe/Oslo";

    /// <summary>Monday 23 November 2026, 09:00 in Oslo.</summary>
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static readonly SeriesOccurrences Occurrences = new();

    [Theory]
    [InlineData("last Saturday of every month at 10:00", "FREQ=MONTHLY;BYDAY=-1SA", "2026-11-28 10:00")]
    [InlineData("every second Tuesday at 18:30", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-11-24 18:30")]
    [InlineData("every Monday 9:00 until 2027-06-30", "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270630", "2026-11-30 09:00")]
    [InlineData("monthly on the first Friday at 19:00, 6 times", "FREQ=MONTHLY;BYDAY=1FR;COUNT=6", "2026-12-04 19:00")]
    [InlineData("every 2 weeks on Thursday at 8am", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "2026-11-26 08:00")]
    [InlineData("Every month on the last Saturday 10am", "FREQ=MONTHLY;BYDAY=-1SA", "2026-11-28 10:00")]
    [InlineData("the 2nd Wednesday of each month at 17:00", "FREQ=MONTHLY;BYDAY=2WE", "2026-12-09 17:00")]
    [InlineData("weekly on Monday at 10:00", "FREQ=WEEKLY;BYDAY=MO", "2026-11-23 10:00")]
    [InlineData("every Monday at 9:00, six times", "FREQ=WEEKLY;BYDAY=MO;COUNT=6", "2026-11-30 09:00")]
    public void ParseSeries_EveryPhrasing_IsItsRRuleAndFirstSessionInTheGroupsZone(string text, string rrule, string first)
    {
        var (rule, at) = GroupClock.ParseSeries(text, Oslo, MondayMorning, Occurrences);

        Assert.Equal(rrule, rule.ToRRule());
        Assert.Equal(first, Local(at));
        Assert.Equal(rule, SeriesRule.FromRRule(rule.ToRRule(), rule.Time));
    }

    [Fact]
    public void LastSaturday_InMonthsWithFourAndFiveSaturdays_AndLeapFebruary()
    {
        var (rule, _) = GroupClock.ParseSeries("last Saturday of every month at 10:00", Oslo, MondayMorning, Occurrences);
        var zone = DateTimeZoneProviders.Tzdb[Oslo];

        // January 2020 has four Saturdays; February 2020 (a leap year) five, the last on the 29th; May 2020 five.
        var days = Occurrences.After(rule, zone, new LocalDate(2020, 1, 25), Instant.MinValue).Take(5).Select(Local);

        Assert.Equal(["2020-01-25 10:00", "2020-02-29 10:00", "2020-03-28 10:00", "2020-04-25 10:00", "2020-05-30 10:00"], days);
    }

    [Fact]
    public void LastSaturday_InLeapFebruaryWithFourSaturdays_IsThe26th()
    {
        var rule = new SeriesRule(SeriesFrequency.Monthly, 1, IsoDayOfWeek.Saturday, -1, new LocalTime(10, 0));

        var day = Occurrences.After(rule, DateTimeZoneProviders.Tzdb[Oslo], new LocalDate(2028, 2, 1), Instant.MinValue).First();

        Assert.Equal("2028-02-26 10:00", Local(day));
    }

    [Fact]
    public void Oslo_KeepsTheWallTimeAcrossBothClockChanges()
    {
        var rule = new SeriesRule(SeriesFrequency.Weekly, 1, IsoDayOfWeek.Saturday, null, new LocalTime(10, 0));
        var zone = DateTimeZoneProviders.Tzdb[Oslo];

        var spring = Occurrences.After(rule, zone, new LocalDate(2027, 3, 20), Instant.MinValue).Take(2).ToList();
        var autumn = Occurrences.After(rule, zone, new LocalDate(2027, 10, 30), Instant.MinValue).Take(2).ToList();

        Assert.Equal(["2027-03-20 10:00", "2027-03-27 10:00"], spring.Select(Local));
        Assert.Equal([9, 9], spring.Select(z => z.ToInstant().InUtc().Hour));
        Assert.Equal(["2027-10-30 10:00", "2027-11-06 10:00"], autumn.Select(Local));
        Assert.Equal([8, 9], autumn.Select(z => z.ToInstant().InUtc().Hour));
        var summer = Occurrences.After(rule, zone, new LocalDate(2027, 4, 3), Instant.MinValue).First();
        Assert.Equal(8, summer.ToInstant().InUtc().Hour);
    }

    [Fact]
    public void Oslo_ATimeTheClocksSkip_MovesOnByTheGap()
    {
        var rule = new SeriesRule(SeriesFrequency.Weekly, 1, IsoDayOfWeek.Sunday, null, new LocalTime(2, 30));

        var days = Occurrences.After(rule, DateTimeZoneProviders.Tzdb[Oslo], new LocalDate(2027, 3, 21), Instant.MinValue).Take(3).Select(Local);

        Assert.Equal(["2027-03-21 02:30", "2027-03-28 03:30", "2027-04-04 02:30"], days);
    }

    [Theory]
    [InlineData("Asia/Seoul", "every Monday at 9:00", "2026-11-30 09:00", "2026-11-30T00:00:00Z")]
    [InlineData("America/Sao_Paulo", "last Saturday of every month at 10:00", "2026-11-28 10:00", "2026-11-28T13:00:00Z")]
    public void OtherZones_ReadTheRuleInTheGroupsZone(string zone, string text, string local, string utc)
    {
        var (_, first) = GroupClock.ParseSeries(text, zone, MondayMorning, Occurrences);

        Assert.Equal(local, Local(first));
        Assert.Equal(utc, NodaTime.Text.InstantPattern.General.Format(first.ToInstant()));
    }

    [Fact]
    public void Count_EndsTheSeriesAfterThatManySessions()
    {
        var (rule, first) = GroupClock.ParseSeries("monthly on the first Friday at 19:00, 6 times", Oslo, MondayMorning, Occurrences);

        var all = Occurrences.After(rule, first.Zone, first.Date, Instant.MinValue).ToList();

        Assert.Equal(["2026-12-04 19:00", "2027-01-01 19:00", "2027-02-05 19:00", "2027-03-05 19:00", "2027-04-02 19:00", "2027-05-07 19:00"], all.Select(Local));
    }

    [Fact]
    public void Until_EndsTheSeriesOnItsLastDay()
    {
        var (rule, first) = GroupClock.ParseSeries("every Monday 9:00 until 2026-12-14", Oslo, MondayMorning, Occurrences);

        var all = Occurrences.After(rule, first.Zone, first.Date, Instant.MinValue).Select(Local);

        Assert.Equal(["2026-11-30 09:00", "2026-12-07 09:00", "2026-12-14 09:00"], all);
    }

    [Theory]
    [InlineData("someday", "rule.series.unreadable")]
    [InlineData("every Monday", "rule.series.unreadable")]
    [InlineData("monthly at 10:00", "rule.series.unreadable")]
    [InlineData("every week on the last Friday at 10:00", "rule.series.unreadable")]
    [InlineData("every 0 weeks on Monday at 9:00", "rule.series.unreadable")]
    [InlineData("every 53 weeks on Monday at 9:00", "rule.series.unreadable")]
    [InlineData("next Saturday 10am", "rule.series.unreadable")]
    [InlineData("every Monday at 9:00, 0 times", "rule.series.count")]
    [InlineData("every Monday at 9:00, 501 times", "rule.series.count")]
    [InlineData("every Monday at 9:00 until 2026-01-01", "rule.series.no-future")]
    [InlineData("every Monday at 9:00 until 2026-11-25", "rule.series.until-before-first")]
    [InlineData("every Monday at 9:00 until 2027-02-29", "rule.when.no-such-date")]
    [InlineData("every Monday at 25:00", "rule.when.no-such-time")]
    public void ParseSeries_BadRule_IsRefusedWithWhatIsWrong(string text, string key)
    {
        var refused = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseSeries(text, Oslo, MondayMorning, Occurrences));

        Assert.Equal(key, refused.Phrase.Key);
    }

    [Fact]
    public void ParseSeries_RefusalsSayWhatIsWrong()
    {
        Assert.Equal(
            "A series has 1 to 500 sessions, not 501.",
            RuleText.Of(Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseSeries("every Monday at 9:00, 501 times", Oslo, MondayMorning, Occurrences))));
        Assert.Equal(
            "That series would end on 2026-11-25, before its first session (Mon 30 Nov 2026 09:00 (Europe/Oslo)). Pick a later end.",
            RuleText.Of(Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseSeries("every Monday at 9:00 until 2026-11-25", Oslo, MondayMorning, Occurrences))));
    }

    [Fact]
    public void ParseSeries_TenThousandCharacters_AreRefusedBeforeTheyAreRead()
    {
        var refused = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseSeries("every Monday " + new string('9', 10_000), Oslo, MondayMorning, Occurrences));

        Assert.Equal("rule.series.too-long", refused.Phrase.Key);
        Assert.StartsWith("A rule of 10013 characters is more than I read (at most 120).", RuleText.Of(refused), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSeries_AnUnreadableRule_OffersThreeRulesThatWork()
    {
        var refused = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseSeries("now and then", Oslo, MondayMorning, Occurrences));
        var offered = new[] { "last Saturday of every month at 10:00", "every second Tuesday at 18:30", "monthly on the first Friday at 19:00, 6 times" };

        Assert.All(offered, rule => Assert.Contains(rule, RuleText.Of(refused), StringComparison.Ordinal));
        Assert.All(offered, rule => Assert.True(GroupClock.ParseSeries(rule, Oslo, MondayMorning, Occurrences).First.ToInstant() > Instant.FromDateTimeOffset(MondayMorning)));
    }

    private static string Local(ZonedDateTime at) => at.LocalDateTime.ToString("uuuu-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
