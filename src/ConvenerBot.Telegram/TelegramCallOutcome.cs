namespace ConvenerBot.Telegram;

/// <summary>How a call to Telegram ended, as far as Telegram said.</summary>
internal enum TelegramCallOutcome
{
    /// <summary>Telegram did it (or it was already so, like an edit that changed nothing).</summary>
    Done,

    /// <summary>Telegram refuses the bot in the chat: removed, blocked, or the chat does not exist.</summary>
    ChatGone,

    /// <summary>Refused for another reason, or still failing at the deadline; what it carried is lost.</summary>
    Failed,
}
