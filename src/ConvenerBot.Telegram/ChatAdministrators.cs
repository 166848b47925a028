using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace ConvenerBot.Telegram;

/// <summary>A chat's administrators are its organizers. The list is fetched with getChatAdministrators and kept briefly.</summary>
internal sealed class ChatAdministrators(ITelegramBotClient bot, TelegramOptions options, TimeProvider time, ILogger<ChatAdministrators> logger)
{
    private readonly ConcurrentDictionary<long, (DateTimeOffset FetchedAt, HashSet<long> Ids)> _cache = new();

    public async Task<bool> IsAdministratorAsync(long chatId, long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(chatId, out var entry) && now - entry.FetchedAt < TimeSpan.FromSeconds(options.AdministratorsCacheSeconds))
        {
            return entry.Ids.Contains(userId);
        }

        try
        {
            var members = await bot.GetChatAdministrators(chatId, cancellationToken: cancellationToken);
            var ids = members.Select(m => m.User.Id).ToHashSet();
            _cache[chatId] = (now, ids);
            return ids.Contains(userId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AdministratorsFailed(logger, ex, chatId);
            return false;
        }
    }
}
