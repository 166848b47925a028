using System.Globalization;
using ConvenerBot.Core.Conversations;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;

namespace ConvenerBot.Telegram;

/// <summary>
/// The one owner of retries for calls to Telegram (the client's own 429 retry is switched off). A 429
/// waits the retry_after it names; network failures and 5xx are retried with backoff; a 403 or a chat
/// that no longer exists marks the group inactive and gives up without crashing; other 4xx give up.
/// </summary>
internal sealed class TelegramSender(SendRateLimiter limiter, IConvener convener, TimeProvider time, ILogger<TelegramSender> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>Runs a call for a chat; returns default when Telegram refused it for good.</summary>
    /// <param name="limited">True for messages, which count against Telegram's send limits.</param>
    public async Task<T?> CallAsync<T>(string method, long chatId, bool isGroup, bool limited, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            if (limited)
            {
                await limiter.WaitAsync(chatId, isGroup, cancellationToken);
            }

            TimeSpan delay;
            try
            {
                return await call(cancellationToken);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                delay = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                limiter.Pause(chatId, delay);
                Log.RateLimited(logger, chatId, delay);
                if (attempt >= MaxAttempts)
                {
                    Log.GaveUp(logger, method, chatId, ex.Message);
                    return default;
                }

                continue;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 403 || (ex.ErrorCode == 400 && ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase)))
            {
                Log.Refused(logger, chatId, ex.Message);
                await convener.SetConversationActiveAsync(Conversation(chatId), active: false, cancellationToken);
                return default;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode is >= 400 and < 500)
            {
                Log.GaveUp(logger, method, chatId, ex.Message);
                return default;
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= MaxAttempts)
                {
                    Log.GaveUp(logger, method, chatId, ex.Message);
                    return default;
                }

                delay = TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1));
                Log.Retrying(logger, ex, method, chatId, attempt, delay);
            }

            await Task.Delay(delay, time, cancellationToken);
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
