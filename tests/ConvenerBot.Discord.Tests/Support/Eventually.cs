namespace ConvenerBot.Discord.Tests.Support;

/// <summary>Waits for something the bot does on its own time, by polling; no fixed sleeps.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string failure = "the condition never held")
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, string failure = "the condition never held")
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }
}
