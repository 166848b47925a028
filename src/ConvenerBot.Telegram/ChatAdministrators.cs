using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace ConvenerBot.Telegram;

/// <summary>
/// A chat's administrators are its organizers. The list is fetched with getChatAdministrators and kept
/// briefly. When Telegram cannot say, after a few quick tries, the answer is "unknown": nobody's rights
/// are guessed.
/// </summary>
internal sealed class ChatAdministrators(ITelegramBotClient bot, TelegramOptions options, ChatMigrations migrations, TimeProvider time, ILogger<ChatAdministrators> logger)
{
    private const int Attempts = 3;
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, (DateTimeOffset FetchedAt, HashSet<long> Ids)> _cache = new();

    /// <summary>True or false, or null when Telegram could not be asked just now.</summary>
    public async Task<bool?> IsAdministratorAsync(long chatId, long userId, CancellationToken cancellationToken)
    {
        chatId = migrations.Resolve(chatId);
        var now = time.GetUtcNow();
        var keep = TimeSpan.FromSeconds(options.AdministratorsCacheSeconds);
        if (_cache.TryGetValue(chatId, out var entry) && now - entry.FetchedAt < keep)
        {
            return entry.Ids.Contains(userId);
        }

        for (var attempt = 1; ; attempt++)
        {
            TimeSpan pause;
            try
            {
                var members = await bot.GetChatAdministrators(chatId, cancellationToken: cancellationToken);
                var ids = members.Select(m => m.User.Id).ToHashSet();
                Evict(now - keep);
                _cache[chatId] = (now, ids);
                return ids.Contains(userId);
            }
            catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is { } newId && newId != chatId)
            {
                await migrations.FollowAsync(chatId, newId, cancellationToken);
                chatId = newId;
                continue;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429 && attempt < Attempts && TimeSpan.FromSeconds(ex.Parameters?.RetryAfter ?? 1) <= LongestWait)
            {
                pause = TimeSpan.FromSeconds(ex.Parameters?.RetryAfter ?? 1);
                Log.AdministratorsRetrying(logger, ex, chatId, attempt, pause);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A long 429 is not waited out here: the member is asked to try again rather than Telegram pressed.
                if (attempt >= Attempts || ex is ApiRequestException { ErrorCode: >= 400 and < 500 })
                {
                    Log.AdministratorsFailed(logger, ex, chatId);
                    return null;
                }

                pause = Backoff.Delay(FirstPause, attempt - 1, LongestWait);
                Log.AdministratorsRetrying(logger, ex, chatId, attempt, pause);
            }

            await Task.Delay(pause, time, cancellationToken);
        }
    }

    /// <summary>Drops lists fetched before <paramref name="before"/>, so chats gone quiet are not kept for ever.</summary>
    private void Evict(DateTimeOffset before)
    {
        foreach (var (chatId, entry) in _cache)
        {
            if (entry.FetchedAt < before)
            {
                _cache.TryRemove(KeyValuePair.Create(chatId, entry));
            }
        }
    }

    /// <summary>How many chats' lists are kept just now.</summary>
    internal int Count => _cache.Count;
}
