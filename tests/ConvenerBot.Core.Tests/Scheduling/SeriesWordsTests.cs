using ConvenerBot.Core.Scheduling;
using ConvenerBot.Core.Text;
using NodaTime;

namespace ConvenerBot.Core.Tests.Scheduling;

/// <summary>A series' rule is shown in words: what was understood, not the RRULE.</summary>
public sealed class SeriesWordsTests
{
    [Theory]
    [InlineData(SeriesFrequency.Monthly, 1, IsoDayOfWeek.Saturday, -1, null, "the last Saturday of every month at 10:00")]
    [InlineData(SeriesFrequency.Monthly, 2, IsoDayOfWeek.Friday, 1, 6, "the first Friday of every 2 months at 10:00, 6 times")]
    [InlineData(SeriesFrequency.Weekly, 1, IsoDayOfWeek.Monday, null, null, "every Monday at 10:00")]
    [InlineData(SeriesFrequency.Weekly, 2, IsoDayOfWeek.Thursday, null, null, "every 2 weeks on Thursday at 10:00")]
    public void Words_SayTheRuleAsPeopleDo(SeriesFrequency frequency, int interval, IsoDayOfWeek day, int? ordinal, int? count, string expected)
    {
        var rule = new SeriesRule(frequency, interval, day, ordinal, new LocalTime(10, 0), count);
        Assert.Equal(expected, MessageCatalog.Default.Render(MessageCatalog.DefaultLanguage, rule.Words()));
    }

    [Fact]
    public void Words_NameTheLastDay_WhenTheSeriesHasOne()
    {
        var rule = new SeriesRule(SeriesFrequency.Weekly, 1, IsoDayOfWeek.Monday, null, new LocalTime(9, 0), Until: new LocalDate(2027, 6, 30));
        Assert.Equal("every Monday at 09:00, until 30 Jun 2027", MessageCatalog.Default.Render(MessageCatalog.DefaultLanguage, rule.Words()));
    }
}
