using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;

namespace ConvenerBot.Telegram;

/// <summary>
/// The one owner of retries for calls to Telegram (the client's own 429 retry is switched off). A 429
/// waits the retry_after it names; network failures and 5xx are retried with doubling pauses; both keep
/// trying until <see cref="TelegramOptions.SendDeadline"/> has passed, so a reply or a stage prompt is not
/// abandoned after a few failures. A 403 or a chat that no longer exists marks the group inactive and
/// gives up without crashing; other 4xx give up. What is finally lost is logged.
/// </summary>
internal sealed class TelegramSender(
    SendRateLimiter limiter,
    IConvener convener,
    ChatMigrations migrations,
    TelegramOptions options,
    TimeProvider time,
    ILogger<TelegramSender> logger)
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    /// <summary>Runs a call for a chat; returns default when Telegram refused it for good.</summary>
    /// <param name="limited">True for messages, which count against Telegram's send limits.</param>
    /// <param name="call">The call, given the chat's current id (it changes when a group becomes a supergroup).</param>
    public async Task<T?> CallAsync<T>(string method, long chatId, bool isGroup, bool limited, Func<long, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        chatId = migrations.Resolve(chatId);
        var deadline = time.GetUtcNow() + options.SendDeadline;
        for (var attempt = 1; ; attempt++)
        {
            if (limited)
            {
                await limiter.WaitAsync(chatId, isGroup, cancellationToken);
            }

            TimeSpan delay;
            try
            {
                return await call(chatId, cancellationToken);
            }
            catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is { } newId && newId != chatId)
            {
                await migrations.FollowAsync(chatId, newId, cancellationToken);
                chatId = newId;
                isGroup = true;
                continue;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                delay = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                if (time.GetUtcNow() + delay > deadline)
                {
                    Log.GaveUp(logger, method, chatId, attempt, ex.Message);
                    return default;
                }

                limiter.Pause(chatId, delay);
                Log.RateLimited(logger, chatId, delay);
                continue;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 403 || (ex.ErrorCode == 400 && ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase)))
            {
                Log.Refused(logger, chatId, ex.Message);
                await MarkInactiveAsync(chatId, cancellationToken);
                return default;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
            {
                // An edit that was already made (e.g. buttons removed twice): nothing is lost.
                return default;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode is >= 400 and < 500)
            {
                Log.GaveUp(logger, method, chatId, attempt, ex.Message);
                return default;
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                delay = Backoff.Delay(options.SendRetryDelay, attempt - 1, LongestPause);
                if (time.GetUtcNow() + delay > deadline)
                {
                    Log.GaveUp(logger, method, chatId, attempt, ex.Message);
                    return default;
                }

                Log.Retrying(logger, ex, method, chatId, attempt, delay);
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>
    /// A refused chat is marked inactive when the store can take it; otherwise the refusal is only logged, and
    /// the bot's removal (a membership update, kept until the store is back) marks it.
    /// </summary>
    private async Task MarkInactiveAsync(long chatId, CancellationToken cancellationToken)
    {
        try
        {
            await convener.SetConversationActiveAsync(Conversation(chatId), active: false, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            Log.InactiveNotRecorded(logger, ex, chatId);
        }
    }

    public static ConversationRef Conversation(long chatId) => new("telegram", chatId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A server error or a connection that failed is worth another try. A timeout is not: the message may
    /// have been sent, and sending it twice is worse than once too few.
    /// </summary>
    private static bool IsTransient(Exception ex) => ex switch
    {
        ApiRequestException api => api.ErrorCode >= 500,
        RequestException request => request.HttpStatusCode is null or >= System.Net.HttpStatusCode.InternalServerError
            && request.InnerException is not TaskCanceledException and not TimeoutException,
        HttpRequestException => true,
        _ => false,
    };
}
