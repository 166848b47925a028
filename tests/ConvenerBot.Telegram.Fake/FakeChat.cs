using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ConvenerBot.Telegram.Tests.Fake;

/// <summary>The fake's state for one chat.</summary>
internal sealed class FakeChat(long id, ChatType type, string title, bool isForum, IEnumerable<long> adminUserIds)
{
    private int _lastMessageId;

    public long Id { get; } = id;

    public ChatType Type { get; } = type;

    public string Title { get; } = title;

    public bool IsForum { get; } = isForum;

    public List<long> AdminUserIds { get; } = [.. adminUserIds];

    /// <summary>Set once a basic group was upgraded: calls for it are then refused with the supergroup's id.</summary>
    public long? MigratedTo { get; set; }

    public int NextMessageId() => ++_lastMessageId;

    public Chat ToChat() => Type == ChatType.Private
        ? new Chat { Id = Id, Type = Type, FirstName = Title }
        : new Chat { Id = Id, Type = Type, Title = Title, IsForum = IsForum };
}
