namespace ConvenerBot.Telegram;

/// <summary>
/// Keeps sends within Telegram's published limits so the bot does not earn 429s: a least interval per
/// chat, a most-per-minute per group, and a most-per-second overall. Each send reserves the earliest
/// slot that satisfies all three; a 429's retry_after pauses its chat.
/// </summary>
internal sealed class SendRateLimiter(TelegramOptions options, TimeProvider time)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<long, List<DateTimeOffset>> _perChat = [];
    private readonly Dictionary<long, DateTimeOffset> _pausedUntil = [];
    private readonly List<DateTimeOffset> _global = [];

    public async Task WaitAsync(long chatId, bool isGroup, CancellationToken cancellationToken)
    {
        var delay = Reserve(chatId, isGroup) - time.GetUtcNow();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>Reserves and returns the moment the next message to this chat may go out.</summary>
    public DateTimeOffset Reserve(long chatId, bool isGroup)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var at = now;
            if (_pausedUntil.TryGetValue(chatId, out var paused) && paused > at)
            {
                at = paused;
            }

            if (!_perChat.TryGetValue(chatId, out var sent))
            {
                _perChat[chatId] = sent = [];
            }

            sent.RemoveAll(t => t < now - Minute);
            if (sent.Count > 0 && sent[^1] + options.PerChatInterval > at)
            {
                at = sent[^1] + options.PerChatInterval;
            }

            if (isGroup && sent.Count >= options.PerGroupPerMinute && sent[^options.PerGroupPerMinute] + Minute > at)
            {
                at = sent[^options.PerGroupPerMinute] + Minute;
            }

            _global.RemoveAll(t => t < now - Second);
            for (var guard = 0; guard < 1000; guard++)
            {
                var window = _global.Where(t => t > at - Second && t <= at).Order().ToList();
                if (window.Count < options.GlobalPerSecond)
                {
                    break;
                }

                at = window[window.Count - options.GlobalPerSecond] + Second;
            }

            sent.Add(at);
            _global.Add(at);
            return at;
        }
    }

    /// <summary>Telegram said to wait: nothing more goes to this chat before then.</summary>
    public void Pause(long chatId, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var until = time.GetUtcNow() + retryAfter;
            if (!_pausedUntil.TryGetValue(chatId, out var current) || current < until)
            {
                _pausedUntil[chatId] = until;
            }
        }
    }
}
