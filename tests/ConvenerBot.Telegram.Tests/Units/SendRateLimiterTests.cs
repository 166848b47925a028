using Microsoft.Extensions.Time.Testing;

namespace ConvenerBot.Telegram.Tests.Units;

public sealed class SendRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reserve_OneChat_SpacesMessagesOneSecondApart()
    {
        var limiter = new SendRateLimiter(new TelegramOptions(), new FakeTimeProvider(Start));

        var slots = Enumerable.Range(0, 3).Select(_ => limiter.Reserve(-100, isGroup: true)).ToList();

        Assert.Equal([Start, Start.AddSeconds(1), Start.AddSeconds(2)], slots);
    }

    [Fact]
    public void Reserve_Group_NeverMoreThanTwentyInAMinute()
    {
        var limiter = new SendRateLimiter(new TelegramOptions { PerChatInterval = TimeSpan.Zero }, new FakeTimeProvider(Start));

        var slots = Enumerable.Range(0, 41).Select(_ => limiter.Reserve(-100, isGroup: true)).ToList();

        Assert.All(slots.Take(20), s => Assert.Equal(Start, s));
        Assert.All(slots.Skip(20).Take(20), s => Assert.Equal(Start.AddMinutes(1), s));
        Assert.Equal(Start.AddMinutes(2), slots[40]);
        Assert.Equal(Start, limiter.Reserve(42, isGroup: false));
    }

    [Fact]
    public void Reserve_AllChats_NeverMoreThanThirtyInASecond()
    {
        var limiter = new SendRateLimiter(new TelegramOptions(), new FakeTimeProvider(Start));

        var slots = Enumerable.Range(1, 61).Select(chat => limiter.Reserve(chat, isGroup: false)).ToList();

        Assert.Equal(30, slots.Count(s => s == Start));
        Assert.Equal(30, slots.Count(s => s == Start.AddSeconds(1)));
        Assert.Equal(Start.AddSeconds(2), slots[60]);
        for (var i = 0; i < slots.Count; i++)
        {
            Assert.True(slots.Count(s => s > slots[i].AddSeconds(-1) && s <= slots[i]) <= 30);
        }
    }

    [Fact]
    public void Pause_AfterA429_HoldsOnlyThatChat()
    {
        var limiter = new SendRateLimiter(new TelegramOptions(), new FakeTimeProvider(Start));

        limiter.Pause(-100, TimeSpan.FromSeconds(7));

        Assert.Equal(Start.AddSeconds(7), limiter.Reserve(-100, isGroup: true));
        Assert.Equal(Start, limiter.Reserve(-200, isGroup: true));
    }
}
