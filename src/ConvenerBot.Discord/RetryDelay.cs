namespace ConvenerBot.Discord;

/// <summary>Exponential backoff with jitter: the wait doubles from a base up to 30 s, and each wait is between half and all of it.</summary>
internal static class RetryDelay
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    public static TimeSpan For(TimeSpan baseDelay, int attempt)
    {
        var exponential = baseDelay * Math.Pow(2, Math.Min(attempt - 1, 10));
        var capped = exponential < Cap ? exponential : Cap;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
    }
}
