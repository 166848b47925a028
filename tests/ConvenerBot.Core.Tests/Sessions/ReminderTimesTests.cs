using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Tests.Sessions;

public sealed class ReminderTimesTests
{
    [Fact]
    public void Parse_ReadsDaysHoursAndMinutes_EarliestFirst()
    {
        Assert.Equal([10080, 1440, 60], ReminderTimes.Parse("1h 7d, 1D"));
        Assert.Equal([86400, 90], ReminderTimes.Parse("90m 60d"));
        Assert.Empty(ReminderTimes.Parse(" None "));
    }

    [Fact]
    public void Code_WritesEachTimeInItsLargestWholeUnit()
    {
        Assert.Equal("7d 1d 1h", ReminderTimes.Code(ReminderTimes.Default));
        Assert.Equal("36h 90m", ReminderTimes.Code([2160, 90]));
        Assert.Equal("none", ReminderTimes.Code([]));
    }

    [Theory]
    [InlineData("7d 1d 1h", 1440)]
    [InlineData("7d 1h", 60)]
    [InlineData("2d 1h", 60)]
    [InlineData("30h 18h", 1800)]
    [InlineData("3d", 4320)]
    public void ThePrivateReminder_IsTheOneClosestToADayBefore_TheEarlierOfTwoAsClose(string times, int expected) =>
        Assert.Equal(expected, ReminderTimes.Private(ReminderTimes.Parse(times)));

    [Fact]
    public void AReminderAsksForACase_WhenItIsTheEarliest_OrTwoDaysOrMoreAhead()
    {
        var times = ReminderTimes.Parse("7d 2d 1d 1h");

        Assert.Equal([true, true, false, false], times.Select(t => ReminderTimes.AsksForCase(t, times)));
        Assert.True(ReminderTimes.AsksForCase(60, [60]));
    }
}
