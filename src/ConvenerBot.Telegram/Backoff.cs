namespace ConvenerBot.Telegram;

/// <summary>Doubling pauses between tries, for every retry loop of the adapter.</summary>
internal static class Backoff
{
    /// <summary><paramref name="first"/> doubled <paramref name="attempt"/> times (0 gives the first pause), never above <paramref name="max"/>.</summary>
    public static TimeSpan Delay(TimeSpan first, int attempt, TimeSpan max)
    {
        var ticks = first.Ticks;
        for (var i = 0; i < attempt && ticks > 0 && ticks < max.Ticks; i++)
        {
            ticks *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, max.Ticks));
    }
}
