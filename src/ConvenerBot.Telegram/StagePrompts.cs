using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Telegram;

/// <summary>
/// What this process remembers of the prompts it sent, per chat: which stage each recent prompt opened
/// (so a reply to it is recognised without reading its English text) and which messages still carry live
/// buttons (so they can be switched off once the session moves on). Kept in memory: after a restart,
/// prompts are recognised by their first line and stale buttons by the engine's refusal.
/// </summary>
internal sealed class StagePrompts
{
    private const int RememberedPerChat = 32;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, LinkedList<(int MessageId, StageRef Stage)>> _prompts = [];
    private readonly Dictionary<long, HashSet<int>> _live = [];

    public StageRef? Find(long chatId, int messageId)
    {
        lock (_gate)
        {
            return _prompts.TryGetValue(chatId, out var list) && list.FirstOrDefault(p => p.MessageId == messageId) is { Stage: var stage, MessageId: > 0 }
                ? stage
                : null;
        }
    }

    public void RememberPrompt(long chatId, int messageId, StageRef stage)
    {
        lock (_gate)
        {
            if (!_prompts.TryGetValue(chatId, out var list))
            {
                _prompts[chatId] = list = new LinkedList<(int, StageRef)>();
            }

            list.AddFirst((messageId, stage));
            while (list.Count > RememberedPerChat)
            {
                list.RemoveLast();
            }
        }
    }

    public void RememberButtons(long chatId, int messageId)
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

    public bool HasAnyLiveButtons(long chatId)
    {
        lock (_gate)
        {
            return _live.TryGetValue(chatId, out var set) && set.Count > 0;
        }
    }

    public bool HasLiveButtons(long chatId, int messageId)
    {
        lock (_gate)
        {
            return _live.TryGetValue(chatId, out var set) && set.Contains(messageId);
        }
    }

    /// <summary>Forgets and returns the messages of the chat whose buttons are live: their keyboards are to be removed.</summary>
    public IReadOnlyList<int> TakeLiveButtons(long chatId)
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
