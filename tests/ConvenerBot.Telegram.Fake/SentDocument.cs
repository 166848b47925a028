using Telegram.Bot.Types.ReplyMarkups;

namespace ConvenerBot.Telegram.Tests.Fake;

public sealed partial class FakeBotApi
{
    /// <summary>A file the bot sent successfully through <c>sendDocument</c>, as uploaded.</summary>
    /// <param name="ChatId">The chat it was sent to.</param>
    /// <param name="MessageThreadId">The forum topic, when one was named.</param>
    /// <param name="FileName">The file's name as uploaded.</param>
    /// <param name="Content">The file's bytes as uploaded.</param>
    /// <param name="Caption">The caption exactly as sent, markup included, or null.</param>
    /// <param name="ParseMode">The caption's parse mode as sent, or null.</param>
    /// <param name="ReplyMarkup">The inline keyboard, when one was attached.</param>
    /// <param name="ReplyToMessageId">The message it answers, when one was named.</param>
    /// <param name="MessageId">The message id the fake assigned.</param>
    public sealed record SentDocument(
        long ChatId,
        int? MessageThreadId,
        string FileName,
        byte[] Content,
        string? Caption,
        string? ParseMode,
        InlineKeyboardMarkup? ReplyMarkup,
        int? ReplyToMessageId,
        int MessageId);

    /// <summary>A file part of a multipart call.</summary>
    private sealed record UploadedFile(string FileName, byte[] Content);
}
