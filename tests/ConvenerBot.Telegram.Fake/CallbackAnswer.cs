namespace ConvenerBot.Telegram.Tests.Fake;

public sealed partial class FakeBotApi
{
    /// <summary>An accepted <c>answerCallbackQuery</c> call.</summary>
    /// <param name="Id">The callback query id that was answered.</param>
    /// <param name="Text">The notification text, if any.</param>
    /// <param name="ShowAlert">Whether the text was to be shown as an alert.</param>
    public sealed record CallbackAnswer(string Id, string? Text, bool ShowAlert);
}
