using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Discord.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Discord.Tests;

/// <summary>A reminder that falls due is posted in the session's channel by the bot, once, mentioning no one.</summary>
public sealed class ReminderTests
{
    [Fact]
    public async Task DueReminder_IsPostedInTheChannel_Once()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ana);
        // Dan administers the server, so he organizes.
        var scheduled = await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-05 10:00"), ("case", 1)), Member.Dan);
        Assert.StartsWith("Saved: session 1", scheduled["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);

        // The day-before reminder's time comes (moved to now in the database; the clock is the real one here).
        await BotDatabase.MakeDueAsync(bot.DatabasePath, SessionReminders.WorkKind, "1440");

        var dispatcher = bot.Host.Services.GetRequiredService<DueWorkDispatcher>();
        await dispatcher.RunDueAsync(CancellationToken.None);
        await dispatcher.RunDueAsync(CancellationToken.None);

        var posted = Assert.Single(rest.Calls, c => c.Method == "POST" && c.Path == $"channels/{DiscordBot.Channel}/messages");
        Assert.StartsWith("Reminder: session 1 is on", posted.Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(posted.Body!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal("Bot test-bot-token", posted.Authorization);
        SchemaChecker.AssertValidCalls(rest);
    }
}
