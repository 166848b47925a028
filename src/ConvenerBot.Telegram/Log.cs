using Microsoft.Extensions.Logging;
using Telegram.Bot.Types.Enums;

namespace ConvenerBot.Telegram;

/// <summary>The adapter's log messages, with stable event ids. Tokens and member text are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Telegram bot @{Username} is connected ({Mode})")]
    public static partial void Connected(ILogger logger, string username, string mode);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Critical, Message = "Telegram rejected the bot token ({Description}); stopping. Check Telegram:Token")]
    public static partial void TokenRejected(ILogger logger, string description);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Receiving Telegram updates failed; retrying in {Delay}")]
    public static partial void PollFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Ignoring Telegram updates of kind {Kind} (logged once per kind)")]
    public static partial void IgnoredKind(ILogger logger, UpdateType kind);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Telegram asked to slow down in chat {ChatId}; waiting {RetryAfter}")]
    public static partial void RateLimited(ILogger logger, long chatId, TimeSpan retryAfter);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Telegram call {Method} for chat {ChatId} failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, Exception exception, string method, long chatId, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Telegram refused the bot in chat {ChatId} ({Description}); the group is marked inactive")]
    public static partial void Refused(ILogger logger, long chatId, string description);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "Telegram call {Method} for chat {ChatId} failed for good after {Attempts} attempts ({Description}); what it was to do (a reaction, an edit, a menu) is not done")]
    public static partial void GaveUp(ILogger logger, string method, long chatId, int attempts, string description);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Error, Message = "Telegram call sendMessage for chat {ChatId} failed for good after {Attempts} attempts ({Description}); the message is reported not delivered, so a command's answer goes back to the outbox and the bot's own notices are tried again")]
    public static partial void MessageGaveUp(ILogger logger, long chatId, int attempts, string description);

    [LoggerMessage(EventId = 4024, Level = LogLevel.Error, Message = "Telegram call sendMessage for chat {ChatId} failed for good after {Attempts} attempts ({Description}); it carried the prompt of session {Session}, stage {Stage}, which is reported not delivered and posted again (from the outbox, when it answered a command)")]
    public static partial void PromptGaveUp(ILogger logger, long chatId, int session, int stage, int attempts, string description);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "Handling Telegram update {UpdateId} failed")]
    public static partial void UpdateFailed(ILogger logger, Exception exception, int updateId);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Could not open a forum topic in chat {ChatId} ({Description}); the session runs in the group itself")]
    public static partial void TopicFailed(ILogger logger, long chatId, string description);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "A Telegram update could not be read and was ignored")]
    public static partial void Malformed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Could not read the administrators of chat {ChatId}; the command is not run and the member is asked to try again")]
    public static partial void AdministratorsFailed(ILogger logger, Exception exception, long chatId);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "The store could not take Telegram update {UpdateId}; handing it in again in {Delay}")]
    public static partial void StoreRetry(ILogger logger, int updateId, TimeSpan delay);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Information, Message = "Reading the administrators of chat {ChatId} failed (attempt {Attempt}); trying again in {Delay}")]
    public static partial void AdministratorsRetrying(ILogger logger, Exception exception, long chatId, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Information, Message = "Telegram chat {From} became supergroup {To}; the group's record moved with it")]
    public static partial void Migrated(ILogger logger, long from, long to);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Warning, Message = "Could not react to a contribution in chat {ChatId}; for {Kept} acknowledgements there go into one shared message instead")]
    public static partial void ReactionFailed(ILogger logger, long chatId, TimeSpan kept);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Warning, Message = "Could not tell chat {ChatId} that the store is out; its update is kept and handed in again all the same")]
    public static partial void OutageNoticeFailed(ILogger logger, Exception? exception, long chatId);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Warning, Message = "Telegram chat {From} became supergroup {To}, but the store could not move the group's record yet; the upgrade's service message moves it once the store is back")]
    public static partial void MoveDeferred(ILogger logger, Exception exception, long from, long to);

    [LoggerMessage(EventId = 4018, Level = LogLevel.Warning, Message = "The store could not record chat {ChatId} as inactive; the bot's removal from it records it once the store is back")]
    public static partial void InactiveNotRecorded(ILogger logger, Exception exception, long chatId);

    [LoggerMessage(EventId = 4019, Level = LogLevel.Error, Message = "Telegram's answer to a message for chat {ChatId} did not come or could not be read; it may have been posted, so it is not sent again unless it is a stage prompt answering a command (a repeat is better than a lost prompt)")]
    public static partial void Unanswered(ILogger logger, Exception exception, long chatId);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "The store could not record the prompt of session {Session}, stage {Stage} in chat {ChatId}; replies to it will not count as contributions")]
    public static partial void PromptNotRecorded(ILogger logger, Exception exception, long chatId, int session, int stage);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "The store could not record the buttons of message {MessageId} in chat {ChatId}; they stay until pressed")]
    public static partial void ButtonsNotRecorded(ILogger logger, Exception exception, long chatId, string messageId);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Warning, Message = "The store could not take that a reply was delivered; the outbox posts it again once its hold runs out")]
    public static partial void NotSettled(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning, Message = "The store could not record the topic of session {Session} in chat {ChatId}; what the bot posts about it on its own goes to the group")]
    public static partial void SpaceNotRecorded(ILogger logger, Exception exception, long chatId, int session);
}
