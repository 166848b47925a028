using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram.Tests;

/// <summary>
/// A session's start through the real Telegram client and the fake Bot API, in a forum group: the notice's
/// Start button works for facilitators only and opens the session's topic, which is stored; the time-up
/// notice goes into that topic with Next and Extend; a deleted topic sends it to the group.
/// </summary>
public sealed class TelegramSessionStartTests
{
    private const long Group = -1005550041;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Chloe = FakeBotApi.Person(13, "Chloe");

    [Fact]
    public async Task StartButton_OpensTheTopic_AndTimerNoticesGoThere_UntilTheTopicIsGone()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: true, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false, isForum: true);
        await chat.SayAsync(Ana, "/case open Funding gap", "Saved case 1");
        await chat.SayAsync(Ana, "/session schedule 2030-01-05 10:00 case 1", "Saved: session 1");
        var dispatcher = bot.Host.Services.GetRequiredService<DueWorkDispatcher>();

        await BotDatabase.MakeDueAsync(bot.Database, SessionStarts.WorkKind, "notice");
        await dispatcher.RunDueAsync(CancellationToken.None);
        var notice = await chat.ExpectAsync("Session 1 is due to start now");
        Assert.Equal(["s:a:1:1"], GroupChat.Buttons(notice));
        Assert.Null(notice.MessageThreadId);

        var refused = await chat.PressAsync(Chloe, notice, "s:a:1:1");
        Assert.True(refused.ShowAlert);
        Assert.Contains("Only a facilitator or an organizer can start sessions", refused.Text, StringComparison.Ordinal);

        var prompt = await chat.PressForPromptAsync(Ana, notice, "s:a:1:1", "stage 1 of 6");
        var topic = prompt.MessageThreadId;
        Assert.NotNull(topic);
        Assert.Equal(topic.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), await BotDatabase.ScalarAsync(bot.Database, "SELECT space FROM sessions"));

        await BotDatabase.MakeDueAsync(bot.Database, StageTimers.WorkKind, "0");
        await dispatcher.RunDueAsync(CancellationToken.None);
        var up = await chat.ExpectAsync("Time is up for stage 1 of session 1");
        Assert.Equal(topic, up.MessageThreadId);
        Assert.Equal(["s:n:1:1", "s:t:1:1"], GroupChat.Buttons(up));
        var extended = await chat.PressForPromptAsync(Ana, up, "s:t:1:1", "Stage 1 now has 10 more minutes");
        Assert.Equal(topic, extended.MessageThreadId);

        api.DeleteTopic(Group, topic.Value);
        await BotDatabase.MakeDueAsync(bot.Database, StageTimers.WorkKind, "0");
        await dispatcher.RunDueAsync(CancellationToken.None);
        var fallback = await api.WaitForAsync(a => a.SentMessages.LastOrDefault(m => m.ChatId == Group && m.Text.Contains("Time is up", StringComparison.Ordinal) && m.MessageThreadId is null));
        Assert.NotNull(fallback);
        Assert.Null(await BotDatabase.ScalarAsync(bot.Database, "SELECT space FROM sessions"));
    }
}
