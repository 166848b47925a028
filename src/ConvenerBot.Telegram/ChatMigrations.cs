using System.Collections.Concurrent;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Telegram;

/// <summary>
/// A basic group upgraded to a supergroup gets a new chat id. Whichever sign comes first (the service
/// message in either chat, or a call refused with migrate_to_chat_id) moves the group's record, with its
/// cases, sessions and roles, to the new id; later traffic for the old id goes to the new one.
/// </summary>
internal sealed class ChatMigrations(IConvener convener, ILogger<ChatMigrations> logger)
{
    private readonly ConcurrentDictionary<long, long> _movedTo = new();

    /// <summary>The chat's current id.</summary>
    public long Resolve(long chatId)
    {
        for (var hops = 0; hops < 8 && _movedTo.TryGetValue(chatId, out var next); hops++)
        {
            chatId = next;
        }

        return chatId;
    }

    /// <summary>Moves the group's record; throws <see cref="StoreUnavailableException"/>, remembering nothing, when the store is out.</summary>
    public async Task MoveAsync(long from, long to, CancellationToken cancellationToken)
    {
        if (from == to || (_movedTo.TryGetValue(from, out var known) && known == to))
        {
            return;
        }

        await convener.MoveConversationAsync(TelegramSender.Conversation(from), TelegramSender.Conversation(to), cancellationToken);
        _movedTo[from] = to;
        Log.Migrated(logger, from, to);
    }

    /// <summary>
    /// A call refused with the supergroup's id: the move is made if the store can take it. If not, the call
    /// still goes to the new id; the service message of the upgrade, kept and handed in again, moves the group.
    /// </summary>
    public async Task FollowAsync(long from, long to, CancellationToken cancellationToken)
    {
        try
        {
            await MoveAsync(from, to, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            Log.MoveDeferred(logger, ex, from, to);
        }
    }
}
