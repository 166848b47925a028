using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram.Tests;

/// <summary>
/// Answer buttons under a session's card and its reminders, pressed through the real client; private reminders
/// to those coming who started a private chat, and a note in the group, once, for those who did not.
/// </summary>
public sealed class TelegramRsvpTests
{
    private const long Group = -1005550041;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Chloe = FakeBotApi.Person(13, "Chloe");
    private static readonly User Dan = FakeBotApi.Person(14, "Dan");

    [Fact]
    public async Task Presses_AnswerTheMemberAlone_ACaseSaysHowToOfferIt_AndRefusalsAreAlerts()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        var card = await chat.SayAsync(Ana, "/session schedule 2030-01-05 10:00", "Saved: session 1");
        await chat.SayAsync(Ana, "/session schedule 2030-01-06 10:00", "Saved: session 2");
        await chat.SayAsync(Ana, "/session cancel 2", "Session 2 is cancelled");
        var sent = api.SentMessages.Count;

        var going = await chat.PressAsync(Chloe, card, "r:going:1");
        var no = await chat.PressAsync(Dan, card, "r:no:1");
        var offer = await chat.PressAsync(Dan, card, "r:case:1");
        var cancelled = await chat.PressAsync(Chloe, card, "r:maybe:2");
        var forged = await chat.PressAsync(Chloe, card, "r:going:01x");
        var typed = await chat.ContributeAsync(Dan, "/rsvp 1 case Moving offices");
        var show = await chat.SayAsync(Chloe, "/session show 1", "Session 1:");

        Assert.Equal(["r:going:1", "r:maybe:1", "r:no:1", "r:case:1"], GroupChat.Buttons(card));
        Assert.Equal(["Going", "Maybe", "Can't", "Bring a case"], card.ReplyMarkup!.InlineKeyboard.SelectMany(r => r).Select(b => b.Text));
        Assert.False(going.ShowAlert);
        Assert.StartsWith("Noted: you are going to session 1 on Sat 5 Jan 2030 10:00 (UTC). Going so far: 1.", going.Text, StringComparison.Ordinal);
        Assert.StartsWith("Noted: you can't come to session 1", no.Text, StringComparison.Ordinal);
        Assert.True(offer.ShowAlert);
        Assert.Contains("write /rsvp 1 case TITLE here", offer.Text, StringComparison.Ordinal);
        Assert.True(cancelled.ShowAlert);
        Assert.StartsWith("Session 2 was cancelled", cancelled.Text, StringComparison.Ordinal);
        Assert.True(forged.ShowAlert);
        Assert.Equal("This button is not valid (any more).", forged.Text);
        Assert.Equal("👍", typed.Emoji);
        // Presses answer the member alone: nothing was posted in the group for them.
        Assert.Equal(sent + 1, api.SentMessages.Count);
        Assert.Contains("Going (2): Chloe and Dan", show.Text, StringComparison.Ordinal);
        Assert.Contains("- Moving offices (Dan)", show.Text, StringComparison.Ordinal);
        Assert.Equal(["r:going:1", "r:maybe:1", "r:no:1", "r:case:1"], GroupChat.Buttons(show));
    }

    [Fact]
    public async Task DayBeforeReminder_GoesPrivatelyToThoseComingWhoStartedAChat_AndTheGroupIsToldOnceAboutTheOthers()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        api.AddPrivateChat(Ana);
        api.AddPrivateChat(Dan);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        await chat.SayAsync(Ana, "/case open Funding gap", "Saved case 1");
        var card = await chat.SayAsync(Ana, "/session schedule 2030-01-05 10:00 case 1", "Saved: session 1");
        await chat.SayAsync(Ana, "/session schedule 2030-01-06 10:00 case 1", "Saved: session 2");
        await chat.PressAsync(Ana, card, "r:going:1");
        await chat.PressAsync(Chloe, card, "r:maybe:1");
        await chat.PressAsync(Dan, card, "r:no:1");
        await chat.ContributeAsync(Chloe, "/rsvp 2 going");

        await DueNowAsync(bot, "1440");
        var reminder = await chat.ExpectAsync("Reminder: session 1 is on");
        var note = await chat.ExpectAsync("Chloe: I cannot write to you privately");
        await DueNowAsync(bot, "1440");
        await chat.ExpectAsync("Reminder: session 2 is on");

        Assert.Contains("Coming so far: 1 going, 1 maybe.", reminder.Text, StringComparison.Ordinal);
        Assert.Equal(["r:going:1", "r:maybe:1", "r:no:1", "r:case:1"], GroupChat.Buttons(reminder));
        var toAna = Assert.Single(api.SentMessages, m => m.ChatId == Ana.Id);
        Assert.StartsWith("Reminder from Peer circle: session 1 is on Sat 5 Jan 2030 10:00 (UTC) — case 1, Funding gap.", toAna.Text, StringComparison.Ordinal);
        Assert.Contains("Your answer: going.", toAna.Text, StringComparison.Ordinal);
        Assert.Null(toAna.ReplyMarkup);
        // Dan can't come and gets nothing privately; Chloe never started a chat and is named in the group once only.
        Assert.DoesNotContain(api.SentMessages, m => m.ChatId == Dan.Id || m.ChatId == Chloe.Id);
        Assert.Single(api.SentMessages, m => m.ChatId == Group && m.Text.Contains("I cannot write to you privately", StringComparison.Ordinal));
        Assert.Equal(note.MessageId, api.SentMessages.Single(m => m.Text.Contains("I cannot write", StringComparison.Ordinal)).MessageId);
        Assert.All(api.SentMessages, m => Assert.True(m.ChatId == Group || m.ChatId == Ana.Id, $"posted to {m.ChatId}"));
    }

    /// <summary>Moves the session's next pending reminder with this payload to now (the clock is the real one here) and runs due work.</summary>
    private static async Task DueNowAsync(RunningBot bot, string payload)
    {
        await BotDatabase.MakeDueAsync(bot.Database, SessionReminders.WorkKind, payload);
        var dispatcher = bot.Host.Services.GetRequiredService<DueWorkDispatcher>();
        await dispatcher.RunDueAsync(CancellationToken.None);
        await dispatcher.RunDueAsync(CancellationToken.None);
    }
}
