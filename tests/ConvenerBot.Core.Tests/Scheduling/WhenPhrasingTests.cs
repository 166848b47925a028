using System.Globalization;
using ConvenerBot.Core.Scheduling;
using NodaTime;
using NodaTime.Text;

namespace ConvenerBot.Core.Tests.Scheduling;

/// <summary>
/// Times as people type them, read in the group's zone against a fixed now. Oslo: Monday 23 November 2026,
/// 09:00 (UTC+1); its clocks go forward on 28 March 2027 (02:00 → 03:00) and back on 31 October 2027.
/// </summary>
public sealed class WhenPhrasingTests
{
    private const string Oslo = "Europe/Oslo";

    /// <summary>Monday 23 November 2026, 09:00 in Oslo.</summary>
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-26 10:00", "2026-12-26 10:00")]
    [InlineData("2026-12-26T10:00", "2026-12-26 10:00")]
    [InlineData("2026-12-26 10am", "2026-12-26 10:00")]
    [InlineData("26 Dec 10:00", "2026-12-26 10:00")]
    [InlineData("Dec 26 at 10am", "2026-12-26 10:00")]
    [InlineData("26 December 2026 10:00", "2026-12-26 10:00")]
    [InlineData("December 26th, 2026, 10 a.m.", "2026-12-26 10:00")]
    [InlineData("on the 26th of December at 10:00", "2026-12-26 10:00")]
    [InlineData("Dec. 26 10:00", "2026-12-26 10:00")]
    [InlineData("Saturday 26 Dec 10:00", "2026-12-26 10:00")]
    [InlineData("tomorrow 18:30", "2026-11-24 18:30")]
    [InlineData("TOMORROW 6:30PM", "2026-11-24 18:30")]
    [InlineData("tomorrow at noon", "2026-11-24 12:00")]
    [InlineData("at 9 tomorrow", "2026-11-24 09:00")]
    [InlineData("tomorrow at 9 o'clock", "2026-11-24 09:00")]
    [InlineData("tomorrow at 9pm", "2026-11-24 21:00")]
    [InlineData("tomorrow at 18", "2026-11-24 18:00")]
    [InlineData("12am tomorrow", "2026-11-24 00:00")]
    [InlineData("12pm tomorrow", "2026-11-24 12:00")]
    [InlineData("12:30am tomorrow", "2026-11-24 00:30")]
    [InlineData("day after tomorrow 10:00", "2026-11-25 10:00")]
    [InlineData("today 17:00", "2026-11-23 17:00")]
    [InlineData("next Saturday 10am", "2026-11-28 10:00")]
    [InlineData("saturday 9:30", "2026-11-28 09:30")]
    [InlineData("sat 9:30", "2026-11-28 09:30")]
    [InlineData("this friday 17:00", "2026-11-27 17:00")]
    [InlineData("monday 9:30", "2026-11-23 09:30")]
    [InlineData("monday 8:00", "2026-11-30 08:00")]
    [InlineData("next monday 9:30", "2026-11-30 09:30")]
    [InlineData("in 2 weeks at 9", "2026-12-07 09:00")]
    [InlineData("in 3 days 18:00", "2026-11-26 18:00")]
    [InlineData("in a week at 10", "2026-11-30 10:00")]
    [InlineData("in two days, 10:30 pm", "2026-11-25 22:30")]
    [InlineData("10am", "2026-11-23 10:00")]
    [InlineData("8am", "2026-11-24 08:00")]
    [InlineData("10:30 pm", "2026-11-23 22:30")]
    [InlineData("noon", "2026-11-23 12:00")]
    [InlineData("23 Nov 10:00", "2026-11-23 10:00")]
    [InlineData("23 Nov 08:00", "2027-11-23 08:00")]
    [InlineData("1 Jan 9:00", "2027-01-01 09:00")]
    [InlineData("29 Feb 10:00", "2028-02-29 10:00")]
    public void ParseFuture_APhrase_IsTheLocalTimeItMeans(string text, string expected) =>
        Assert.Equal(expected, Local(GroupClock.ParseFuture(text, Oslo, MondayMorning), Oslo));

    [Fact]
    public void ParseFuture_InHoursOrMinutes_CountsFromNow_ToTheMinute()
    {
        var now = MondayMorning.AddSeconds(37);

        Assert.Equal(MondayMorning.AddHours(2), GroupClock.ParseFuture("in 2 hours", Oslo, now));
        Assert.Equal(MondayMorning.AddMinutes(30), GroupClock.ParseFuture("in 30 minutes", Oslo, now));
    }

    [Theory]
    [InlineData("saturday 10am", "2026-11-28 10:00")]
    [InlineData("saturday 8am", "2026-12-05 08:00")]
    [InlineData("next saturday 10am", "2026-12-05 10:00")]
    [InlineData("next sunday 10am", "2026-11-29 10:00")]
    [InlineData("today 10:00", "2026-11-28 10:00")]
    public void ParseFuture_ASaturdayOnASaturday_IsTodayWhileAhead_AndNextIsAWeekOn(string text, string expected)
    {
        var saturdayMorning = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, Local(GroupClock.ParseFuture(text, Oslo, saturdayMorning), Oslo));
    }

    [Theory]
    [InlineData("tomorrow 10:00", "2027-03-27T09:00:00Z", "2027-03-28T08:00:00Z")]
    [InlineData("in 2 weeks at 9", "2027-03-20T09:00:00Z", "2027-04-03T07:00:00Z")]
    [InlineData("tomorrow 10:00", "2027-10-30T09:00:00Z", "2027-10-31T09:00:00Z")]
    [InlineData("next Saturday 10am", "2027-10-27T09:00:00Z", "2027-10-30T08:00:00Z")]
    [InlineData("next Sunday 10am", "2027-10-27T09:00:00Z", "2027-10-31T09:00:00Z")]
    [InlineData("sunday 03:00", "2027-03-27T09:00:00Z", "2027-03-28T01:00:00Z")]
    [InlineData("sunday 01:59", "2027-03-27T09:00:00Z", "2027-03-28T00:59:00Z")]
    [InlineData("in 2 hours", "2027-10-31T00:30:00Z", "2027-10-31T02:30:00Z")]
    public void ParseFuture_InOslo_AcrossBothClockChanges_KeepsTheLocalTime(string text, string now, string expected) =>
        Assert.Equal(Utc(expected), GroupClock.ParseFuture(text, Oslo, Utc(now)));

    [Theory]
    [InlineData("today 18:00", "2026-11-23T09:00:00Z")]
    [InlineData("tomorrow 9am", "2026-11-24T00:00:00Z")]
    [InlineData("next Saturday 10am", "2026-11-28T01:00:00Z")]
    [InlineData("26 Dec 10:00", "2026-12-26T01:00:00Z")]
    [InlineData("in 2 weeks at 9", "2026-12-07T00:00:00Z")]
    public void ParseFuture_InSeoul_WithoutClockChanges(string text, string expected) =>
        Assert.Equal(Utc(expected), GroupClock.ParseFuture(text, "Asia/Seoul", MondayMorning));

    [Theory]
    [InlineData("saturday 9:30", "2026-11-28T12:30:00Z")]
    [InlineData("today 17:00", "2026-11-23T20:00:00Z")]
    [InlineData("26 Dec 10:00", "2026-12-26T13:00:00Z")]
    [InlineData("in 3 days 18:00", "2026-11-26T21:00:00Z")]
    [InlineData("29 Feb 10:00", "2028-02-29T13:00:00Z")]
    public void ParseFuture_InSaoPaulo_SouthernSummerWithoutClockChanges(string text, string expected) =>
        Assert.Equal(Utc(expected), GroupClock.ParseFuture(text, "America/Sao_Paulo", MondayMorning));

    [Fact]
    public void ParseFuture_InSantiago_WhereTheClocksSkipMidnight_OffersTheMinuteBeforeAndTheHourAfter()
    {
        var saturday = Utc("2027-09-04T12:00:00Z");

        var skipped = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseFuture("tomorrow 00:30", "America/Santiago", saturday));
        var after = GroupClock.ParseFuture("tomorrow 01:00", "America/Santiago", saturday);

        Assert.Equal(
            "2027-09-05 00:30 does not exist in America/Santiago: the clocks jump forward then. Did you mean 2027-09-04 23:59 or 2027-09-05 01:00?",
            RuleText.Of(skipped));
        Assert.Equal(Utc("2027-09-05T04:00:00Z"), after);
    }

    [Fact]
    public void ParseFuture_TheRepeatedHour_AsAPhrase_IsAskedAbout_AndItsOffsetPicksOne()
    {
        var friday = Utc("2027-10-29T09:00:00Z");

        var asked = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseFuture("sunday 2:30am", Oslo, friday));
        var first = GroupClock.ParseFuture("sunday 2:30am +02:00", Oslo, friday);
        var second = GroupClock.ParseFuture("2027-10-31 02:30+01:00", Oslo, friday);

        Assert.Equal(
            "2027-10-31 02:30 happens twice in Europe/Oslo (the clocks go back then). Say which: 2027-10-31 02:30+02:00 for the first, 2027-10-31 02:30+01:00 for the second.",
            RuleText.Of(asked));
        Assert.Equal((Utc("2027-10-31T00:30:00Z"), Utc("2027-10-31T01:30:00Z")), (first, second));
    }

    [Fact]
    public void ParseFuture_ALanguageWithoutWords_ReadsEnglish() =>
        Assert.Equal(
            GroupClock.ParseFuture("next Saturday 10am", Oslo, MondayMorning),
            GroupClock.ParseFuture("next Saturday 10am", Oslo, MondayMorning, "xx"));

    private static string Local(DateTimeOffset instant, string zone) =>
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm")
            .Format(Instant.FromDateTimeOffset(instant).InZone(DateTimeZoneProviders.Tzdb[zone]).LocalDateTime);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
