using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram.Tests;

/// <summary>A busy session under Telegram's real limit of 20 messages a minute per group.</summary>
public sealed class TelegramLivelyGroupTests
{
    private const long Group = -1005550005;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");

    [Fact]
    public async Task ThirtyQuickContributions_AreAcknowledgedWithReactions_AndTheNextPromptIsNotHeldBack()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api, settings: ["--Telegram:PerGroupPerMinute=20"]);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        var prompt = await chat.OpenQuestionsStageAsync(Ana);

        var members = Enumerable.Range(100, 30).Select(id => FakeBotApi.Person(id, $"Member {id}")).ToList();
        var updates = members.Select((m, i) => chat.Text(m, $"Question {i}?", prompt)).ToList();
        foreach (var update in updates)
        {
            await chat.SendAsync(update);
        }

        await chat.SayAsync(Ana, "/next", "stage 4 of 6");

        await api.WaitForAsync(a => a.Reactions.Count == 30);
        Assert.Equal(updates.Select(u => u.Message!.Id).Order(), api.Reactions.Select(r => r.MessageId).Order());
        Assert.DoesNotContain(api.SentMessages, m => m.Text.Contains("Saved your", StringComparison.Ordinal) || m.Text.Contains("Question 1?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThirtyQuickContributions_InAChatThatRefusesReactions_ShareOneMessage_AndTheNextPromptIsNotHeldBack()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api, settings: ["--Telegram:PerGroupPerMinute=20"]);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        var prompt = await chat.OpenQuestionsStageAsync(Ana);
        api.FailNext("setMessageReaction", 400, "Bad Request: REACTION_INVALID", times: 30);

        var members = Enumerable.Range(100, 30).Select(id => FakeBotApi.Person(id, $"Member {id}")).ToList();
        foreach (var (member, i) in members.Select((m, i) => (m, i)))
        {
            await chat.SendAsync(chat.Text(member, $"Question {i}?", prompt));
        }

        await chat.SayAsync(Ana, "/next", "stage 4 of 6");

        // One message says who was saved, edited as contributions came; Telegram was asked for a reaction once.
        var saved = Assert.Single(api.SentMessages, m => m.Text.Contains("Saved your", StringComparison.Ordinal));
        var note = await api.WaitForAsync(a => a.FindMessage(Group, saved.MessageId) is { Text: { } text } found && members.All(m => text.Contains($"{m.FirstName}.", StringComparison.Ordinal)) ? found : null);
        Assert.Equal(30, note.Text!.Split('\n').Count(line => line.StartsWith("Saved your clarifying question", StringComparison.Ordinal)));
        Assert.Equal(1, api.Requests.Count(r => r.Method == "setmessagereaction"));
        Assert.Empty(api.Reactions);
    }

    [Fact]
    public async Task ReactionRefused_TheAcknowledgementComesAsAMessage()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        var prompt = await chat.OpenQuestionsStageAsync(Ana);
        api.FailNext("setMessageReaction", 400, "Bad Request: REACTION_INVALID");

        await chat.SayAsync(FakeBotApi.Person(100, "Max"), "Why now?", "Saved your clarifying question, Max.", replyTo: prompt);

        Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 4015);
        Assert.Empty(api.Reactions);
    }
}
