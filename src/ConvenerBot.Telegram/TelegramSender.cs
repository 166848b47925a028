using System.Globalization;
using ConvenerBot.Core.Conversations;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;

namespace ConvenerBot.Telegram;

/// <summary>
/// The one owner of retries for calls to Telegram (the client's own 429 retry is switched off). A 429
/// waits the retry_after it names; network failures and 5xx are retried with doubling pauses; both keep
/// trying until <see cref="TelegramOptions.SendDeadline"/> has passed, so a reply or a stage prompt is not
/// abandoned after a few failures. A 403 or a chat that no longer exists ends the call as
/// <see cref="TelegramCallOutcome.ChatGone"/>; other 4xx as <see cref="TelegramCallOutcome.Failed"/>. A call
/// refused because the group became a supergroup goes to the supergroup and says so
/// (<see cref="TelegramCall{T}.MovedTo"/>). The sender decides nothing about the group: whoever called it does.
/// </summary>
internal sealed class TelegramSender(
    SendRateLimiter limiter,
    ChatMigrations migrations,
    TelegramOptions options,
    TimeProvider time,
    ILogger<TelegramSender> logger)
{
    /// <summary>The method that posts a message; what it carries goes back to whoever posted it when it is given up.</summary>
    public const string SendMessage = "sendMessage";

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs a call for a chat until Telegram does it, refuses it, or the deadline passes. Throws when Telegram's
    /// answer could not be read or did not come (a timeout): the call may have been done, so it is not repeated.
    /// </summary>
    /// <param name="limited">True for messages, which count against Telegram's send limits.</param>
    /// <param name="call">The call, given the chat's current id (it changes when a group becomes a supergroup).</param>
    public Task<TelegramCall<T>> CallAsync<T>(string method, long chatId, bool isGroup, bool limited, Func<long, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        CallAsync(method, prompt: null, chatId, isGroup, limited, call, cancellationToken);

    /// <summary>As the other overload; <paramref name="prompt"/> names the stage whose prompt a message carries, for the log if it is given up.</summary>
    public async Task<TelegramCall<T>> CallAsync<T>(string method, StageRef? prompt, long chatId, bool isGroup, bool limited, Func<long, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        chatId = migrations.Resolve(chatId);
        long? movedTo = null;
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
                return new(TelegramCallOutcome.Done, await call(chatId, cancellationToken), "", movedTo);
            }
            catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is { } newId && newId != chatId)
            {
                chatId = newId;
                movedTo = newId;
                isGroup = true;
                continue;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                delay = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                if (time.GetUtcNow() + delay > deadline)
                {
                    GaveUp(method, prompt, chatId, attempt, ex.Message);
                    return new(TelegramCallOutcome.Failed, default, ex.Message, movedTo);
                }

                limiter.Pause(chatId, delay);
                Log.RateLimited(logger, chatId, delay);
                continue;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 403 || (ex.ErrorCode == 400 && ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase)))
            {
                return new(TelegramCallOutcome.ChatGone, default, ex.Message, movedTo);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
            {
                // An edit that was already made (e.g. buttons removed twice): nothing is lost.
                return new(TelegramCallOutcome.Done, default, ex.Message, movedTo);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode is >= 400 and < 500)
            {
                GaveUp(method, prompt, chatId, attempt, ex.Message);
                return new(TelegramCallOutcome.Failed, default, ex.Message, movedTo);
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                delay = Backoff.Delay(options.SendRetryDelay, attempt - 1, LongestPause);
                if (time.GetUtcNow() + delay > deadline)
                {
                    GaveUp(method, prompt, chatId, attempt, ex.Message);
                    return new(TelegramCallOutcome.Failed, default, ex.Message, movedTo);
                }

                Log.Retrying(logger, ex, method, chatId, attempt, delay);
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>Says what a call given up carried: a stage prompt, another message (whose poster tries it again), or a change to the chat.</summary>
    private void GaveUp(string method, StageRef? prompt, long chatId, int attempts, string description)
    {
        if (prompt is { } stage)
        {
            Log.PromptGaveUp(logger, chatId, stage.SessionNumber, stage.StageNumber, attempts, description);
        }
        else if (method == SendMessage)
        {
            Log.MessageGaveUp(logger, chatId, attempts, description);
        }
        else
        {
            Log.GaveUp(logger, method, chatId, attempts, description);
        }
    }

    public static ConversationRef Conversation(long chatId) => new(TelegramGateway.PlatformName, chatId.ToString(CultureInfo.InvariantCulture));

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
