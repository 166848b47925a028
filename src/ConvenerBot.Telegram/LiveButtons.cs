namespace ConvenerBot.Telegram;

/// <summary>
/// Which messages this process sent still carry live stage buttons, per chat, so they can be switched off
/// once the session moves on. Kept in memory: after a restart, stale buttons are known by the engine's
/// refusal (<see cref="Core.Conversations.Reply.StaleStage"/>). Which message is which stage prompt is in
/// the store (<see cref="Core.Conversations.IConvener.RecordPromptAsync"/>), not here.
/// </summary>
internal sealed class LiveButtons
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, HashSet<int>> _live = [];

    public void Remember(long chatId, int messageId)
    {
        lock (_gate)
        {
            if (!_live.TryGetValue(chatId, out var set))
            {
                _live[chatId] = set = [];
            }

            set.Add(messageId);
        }
    }

    public bool AnyIn(long chatId)
    {
        lock (_gate)
        {
            return _live.TryGetValue(chatId, out var set) && set.Count > 0;
        }
    }

    public bool IsLive(long chatId, int messageId)
    {
        lock (_gate)
        {
            return _live.TryGetValue(chatId, out var set) && set.Contains(messageId);
        }
    }

    /// <summary>Forgets and returns the messages of the chat whose buttons are live: their keyboards are to be removed.</summary>
    public IReadOnlyList<int> TakeAll(long chatId)
    {
        lock (_gate)
        {
            return _live.Remove(chatId, out var set) ? [.. set] : [];
        }
    }

    public void Forget(long chatId, int messageId)
    {
        lock (_gate)
        {
            if (_live.TryGetValue(chatId, out var set))
            {
                set.Remove(messageId);
            }
        }
    }
}
