using System.Collections.Concurrent;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram;

/// <summary>
/// Which groups are forums (topics switched on), where a session gets a topic of its own: as the group's
/// latest update said, or else as <c>getChat</c> says, asked once.
/// </summary>
internal sealed class ForumChats(ITelegramBotClient bot, TelegramSender sender)
{
    private readonly ConcurrentDictionary<long, bool> _known = new();

    /// <summary>Notes what an update says of its chat.</summary>
    public void Observe(Chat chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        if (UpdateTranslator.IsGroup(chat))
        {
            _known[chat.Id] = chat.IsForum;
        }
    }

    /// <summary>True when the group is a forum; false when it is not, or Telegram cannot say just now.</summary>
    public async Task<bool> IsForumAsync(long chatId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(chatId, out var known))
        {
            return known;
        }

        try
        {
            var info = await sender.CallAsync("getChat", chatId, isGroup: true, limited: false, (id, ct) => bot.GetChat(id, ct), cancellationToken);
            return info is { IsDone: true, Value: { } chat } && (_known[chatId] = chat.IsForum);
        }
        catch (RequestException)
        {
            return false;
        }
    }
}
