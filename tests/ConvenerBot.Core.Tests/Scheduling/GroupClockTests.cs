using ConvenerBot.Core.Scheduling;

namespace ConvenerBot.Core.Tests.Scheduling;

public sealed class GroupClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-26 10:00", "Europe/Oslo", "2026-12-26T09:00:00Z")]
    [InlineData("2026-12-26T10:00", "America/Bogota", "2026-12-26T15:00:00Z")]
    [InlineData("2027-07-01 10:00:30", "Europe/Oslo", "2027-07-01T08:00:30Z")]
    public void ParseFuture_LocalTime_IsStoredAsUtc(string text, string zone, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), GroupClock.ParseFuture(text, zone, Now));

    [Theory]
    [InlineData("2026-11-23 08:59", "is in the past")]
    [InlineData("next blursday", "not a date and time I can read")]
    [InlineData("2026-02-30 10:00", "There is no 2026-02-30 in the calendar")]
    [InlineData("2027-03-28 02:30", "does not exist in Europe/Oslo")]
    public void ParseFuture_BadWhen_IsRefused(string text, string expected)
    {
        var ex = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseFuture(text, "Europe/Oslo", Now));

        Assert.Contains(expected, RuleText.Of(ex), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFuture_TheRepeatedAutumnHour_IsAskedAbout_AndAnOffsetSaysWhichOne()
    {
        var asked = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseFuture("2027-10-31 02:30", "Europe/Oslo", Now));
        var first = GroupClock.ParseFuture("2027-10-31 02:30+02:00", "Europe/Oslo", Now);
        var second = GroupClock.ParseFuture("2027-10-31 02:30 +01:00", "Europe/Oslo", Now);
        var wrong = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseFuture("2027-12-26 10:00+02:00", "Europe/Oslo", Now));
        var zero = Assert.Throws<ConvenerRuleException>(() => GroupClock.ParseFuture("2027-12-26 10:00+00:00", "Europe/Oslo", Now));
        Assert.Contains("is at +01:00, not +00:00", RuleText.Of(zero), StringComparison.Ordinal);

        Assert.Equal("2027-10-31 02:30 happens twice in Europe/Oslo (the clocks go back then). Say which: 2027-10-31 02:30+02:00 for the first, 2027-10-31 02:30+01:00 for the second.", RuleText.Of(asked));
        Assert.Equal((new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), new DateTimeOffset(2027, 10, 31, 1, 30, 0, TimeSpan.Zero)), (first, second));
        Assert.Contains("is at +01:00, not +02:00", RuleText.Of(wrong), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ShowsLocalTimeAndZone() =>
        Assert.Equal("Sat 26 Dec 2026 10:00 (Europe/Oslo)", GroupClock.Format(new DateTimeOffset(2026, 12, 26, 9, 0, 0, TimeSpan.Zero), "Europe/Oslo"));
}
