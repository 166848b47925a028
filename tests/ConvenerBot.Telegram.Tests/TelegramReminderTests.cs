using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram.Tests;

/// <summary>A reminder that falls due is posted in the group through the real Telegram client, once.</summary>
public sealed class TelegramReminderTests
{
    private const long Group = -1005550031;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");

    [Fact]
    public async Task DueReminder_IsPostedInTheGroup_Once()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        await chat.SayAsync(Ana, "/case open Funding gap", "Saved case 1");
        await chat.SayAsync(Ana, "/session schedule 2030-01-05 10:00 case 1", "Saved: session 1");

        // The week-before reminder's time comes (moved to now in the database; the clock is the real one here).
        await BotDatabase.MakeDueAsync(bot.Database, SessionReminders.WorkKind, "10080");

        var dispatcher = bot.Host.Services.GetRequiredService<DueWorkDispatcher>();
        await dispatcher.RunDueAsync(CancellationToken.None);
        await dispatcher.RunDueAsync(CancellationToken.None);

        var reminder = await chat.ExpectAsync("Reminder: session 1 is on");
        Assert.Contains("case 1, Funding gap", reminder.Text, StringComparison.Ordinal);
        Assert.Single(api.SentMessages, m => m.ChatId == Group && m.Text.StartsWith("Reminder:", StringComparison.Ordinal));
    }
}
