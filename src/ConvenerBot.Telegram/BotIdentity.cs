using Telegram.Bot.Types;

namespace ConvenerBot.Telegram;

/// <summary>Who the bot is on Telegram (from getMe at start-up): needed to tell our commands and prompts from others'.</summary>
internal sealed class BotIdentity
{
    private readonly TaskCompletionSource<User> _user = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<User> UserAsync => _user.Task;

    public void Set(User user) => _user.TrySetResult(user);
}
