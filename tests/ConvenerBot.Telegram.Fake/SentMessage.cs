using Telegram.Bot.Types.ReplyMarkups;

namespace ConvenerBot.Telegram.Tests.Fake;

public sealed partial class FakeBotApi
{
    /// <summary>A message the bot sent successfully through <c>sendMessage</c>.</summary>
    /// <param name="ChatId">The chat it was sent to.</param>
    /// <param name="MessageThreadId">The forum topic, when one was named.</param>
    /// <param name="Text">The text exactly as sent, markup included.</param>
    /// <param name="ParseMode">The parse mode as sent (Telegram.Bot sends <c>Html</c>), or null.</param>
    /// <param name="ReplyMarkup">The inline keyboard, when one was attached.</param>
    /// <param name="MessageId">The message id the fake assigned.</param>
    public sealed record SentMessage(
        long ChatId,
        int? MessageThreadId,
        string Text,
        string? ParseMode,
        InlineKeyboardMarkup? ReplyMarkup,
        int MessageId);
}
