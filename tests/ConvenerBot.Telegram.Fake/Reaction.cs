namespace ConvenerBot.Telegram.Tests.Fake;

public sealed partial class FakeBotApi
{
    /// <summary>An accepted <c>setMessageReaction</c> call.</summary>
    /// <param name="Emoji">The emoji set, or null when the reaction was removed.</param>
    public sealed record Reaction(long ChatId, int MessageId, string? Emoji);
}
