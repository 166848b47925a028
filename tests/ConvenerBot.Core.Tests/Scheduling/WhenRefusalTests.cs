using ConvenerBot.Core.Scheduling;

namespace ConvenerBot.Core.Tests.Scheduling;

/// <summary>Each way a time can be wrong gets a reply that says which, as a refusal (so nothing is saved).</summary>
public sealed class WhenRefusalTests
{
    private const string Oslo = "Europe/Oslo";

    /// <summary>Monday 23 November 2026, 09:00 in Oslo.</summary>
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("blah blah", "'blah blah' is not a date and time I can read. Try, for example, 26 Dec 10:00, tomorrow 18:30 or next Saturday 10am (in the group's time zone, Europe/Oslo); /help lists every form.")]
    [InlineData("31 February 10:00", "There is no 31 February in the calendar. Please check the day and the month.")]
    [InlineData("Feb 30 10:00", "There is no Feb 30 in the calendar. Please check the day and the month.")]
    [InlineData("29 Feb 2027 10:00", "There is no 29 Feb 2027 in the calendar. Please check the day and the month.")]
    [InlineData("2026-13-01 10:00", "There is no 2026-13-01 in the calendar. Please check the day and the month.")]
    [InlineData("tomorrow 25:00", "25:00 is not a time of day. Write hours 0–23 with minutes (18:30), or 1–12 with am or pm (6:30pm).")]
    [InlineData("13pm", "13pm is not a time of day. Write hours 0–23 with minutes (18:30), or 1–12 with am or pm (6:30pm).")]
    [InlineData("tomorrow 10:75", "10:75 is not a time of day. Write hours 0–23 with minutes (18:30), or 1–12 with am or pm (6:30pm).")]
    [InlineData("today 08:00", "today 08:00 is Mon 23 Nov 2026 08:00 (Europe/Oslo), which is in the past. Please pick a time ahead.")]
    [InlineData("2032-01-01 10:00", "2032-01-01 10:00 is too far ahead. Sessions can be scheduled up to 5 years ahead.")]
    [InlineData("in 300 weeks at 9", "in 300 weeks at 9 is too far ahead. Sessions can be scheduled up to 5 years ahead.")]
    [InlineData("in 999999999 hours", "in 999999999 hours is too far ahead. Sessions can be scheduled up to 5 years ahead.")]
    [InlineData("1 Jan 2099 10:00", "1 Jan 2099 is too far ahead. Sessions can be scheduled up to 5 years ahead.")]
    [InlineData("28 Mar 02:30", "2027-03-28 02:30 does not exist in Europe/Oslo: the clocks jump forward then. Did you mean 2027-03-28 01:59 or 2027-03-28 03:00?")]
    [InlineData("31 Oct 2:30am", "2027-10-31 02:30 happens twice in Europe/Oslo (the clocks go back then). Say which: 2027-10-31 02:30+02:00 for the first, 2027-10-31 02:30+01:00 for the second.")]
    [InlineData("tomorrow", "'tomorrow' says the day but not the time. Add one, e.g. 'tomorrow 18:30' or 'tomorrow at 10am'.")]
    [InlineData("Friday 26 Dec 10:00", "Sat 26 Dec 2026 is not a Friday. Please check which day you mean.")]
    [InlineData("tomorrow today 10:00", "'tomorrow today 10:00' is not a date and time I can read.")]
    [InlineData("10:00 11:00", "'10:00 11:00' is not a date and time I can read.")]
    [InlineData("in 2 hours at 10", "'in 2 hours at 10' is not a date and time I can read.")]
    [InlineData("tomorrow 9", "'tomorrow 9' is not a date and time I can read.")]
    [InlineData("in 2 hours +01:00", "'in 2 hours +01:00' is not a date and time I can read.")]
    [InlineData("🙂 10:00", "'🙂 10:00' is not a date and time I can read.")]
    public void ParseFuture_BadTime_IsRefusedWithWhatIsWrong(string text, string expected)
    {
        var refused = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseFuture(text, Oslo, MondayMorning));

        Assert.StartsWith(expected, RuleText.Of(refused), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFuture_TenThousandCharacters_AreRefusedBeforeTheyAreRead()
    {
        var refused = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseFuture("tomorrow " + new string('9', 10_000), Oslo, MondayMorning));

        Assert.Equal("rule.when.too-long", refused.Phrase.Key);
        Assert.StartsWith("A time of 10009 characters is more than I read (at most 64).", RuleText.Of(refused), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFuture_AnUnreadableTime_OffersThreeFormsThatWork()
    {
        var refused = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseFuture("someday", Oslo, MondayMorning));
        var offered = new[] { "26 Dec 10:00", "tomorrow 18:30", "next Saturday 10am" };

        Assert.All(offered, form => Assert.Contains(form, RuleText.Of(refused), StringComparison.Ordinal));
        Assert.All(offered, form => Assert.True(GroupClock.ParseFuture(form, Oslo, MondayMorning) > MondayMorning));
    }
}
