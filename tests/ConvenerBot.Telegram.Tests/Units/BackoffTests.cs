namespace ConvenerBot.Telegram.Tests.Units;

public sealed class BackoffTests
{
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(4, 16)]
    [InlineData(5, 30)]
    [InlineData(int.MaxValue, 30)]
    public void Delay_DoublesFromTheFirstPause_UpToTheLongest(int attempt, int seconds)
    {
        var delay = Backoff.Delay(TimeSpan.FromSeconds(1), attempt, Max);

        Assert.Equal(TimeSpan.FromSeconds(seconds), delay);
    }

    [Fact]
    public void Delay_NoFirstPause_StaysZero()
    {
        Assert.Equal(TimeSpan.Zero, Backoff.Delay(TimeSpan.Zero, 1000, Max));
    }
}
