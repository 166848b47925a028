using ConvenerBot.Core.Sessions;
using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using ConvenerBot.Testing;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram.Tests;

/// <summary>A reply to a stage prompt is known by the id of the message it replies to, kept in the store, never by its text.</summary>
public sealed class TelegramPromptReplyTests
{
    private const long Group = -1005550009;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Chloe = FakeBotApi.Person(13, "Chloe");
    private static readonly User Dan = FakeBotApi.Person(14, "Dan");

    [Fact]
    public async Task ReplyToAPrompt_AfterARestart_AndWithItsHeaderTranslated_IsAContributionToThatStage()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        using var temp = new TempDatabase();
        FakeBotApi.SentMessage stage2, stage3;
        await using (var first = await RunningBot.StartAsync(api, database: temp.Path))
        {
            var chat = new GroupChat(api, first, Group, webhook: false);
            await chat.SayAsync(Ana, "/case open Funding gap", "Saved case 1");
            await chat.SayAsync(Ana, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
            await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");
            stage2 = await chat.SayAsync(Ana, "/next", "stage 2 of 6");
            stage3 = await chat.SayAsync(Ana, "/next", "stage 3 of 6");

            // The prompt is recorded right after it is sent; the bot stops only once it is.
            var id = stage3.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var tries = 0; await BotDatabase.ScalarAsync(temp.Path, $"SELECT count(*) FROM stage_prompts WHERE message_id = '{id}'") == "0"; tries++)
            {
                Assert.True(tries < 750, "The stage 3 prompt was never recorded.");
                await Task.Delay(20);
            }
        }

        await using var second = await RunningBot.StartAsync(api, database: temp.Path);
        var again = new GroupChat(api, second, Group, webhook: false);
        var translated = again.Text(Chloe, "Wie viel fehlt?", stage3);
        translated.Message!.ReplyToMessage!.Text = "Sitzung 1 · Stufe 3 von 6: Das Anliegen klären";
        await again.SendAsync(translated);
        await api.WaitForAsync(a => a.Reactions.FirstOrDefault(r => r.MessageId == translated.Message.Id));
        await again.SayAsync(Dan, "Too late?", "That belongs to stage 2; session 1 has moved on to stage 3", replyTo: stage2);

        var saved = Assert.Single(await ContributionsAsync(second));
        Assert.Equal(("clarify", ContributionKind.ClarifyingQuestion, "Wie viel fehlt?", "Chloe"), (saved.StageKey, saved.Kind, saved.Text, saved.MemberName));
    }

    [Fact]
    public async Task ReplyToAMessageOfTheBotThatIsNoPrompt_IsLeftAlone_EvenIfItReadsLikeOne()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        await chat.OpenQuestionsStageAsync(Ana);
        var answer = await chat.SayAsync(Ana, "/me", "You are Ana");
        var administratorLookups = api.Requests.Count(r => r.Method == "getchatadministrators");

        var lookalike = chat.Text(Chloe, "Is this a question?", answer);
        lookalike.Message!.ReplyToMessage!.Text = "Session 1 · stage 3 of 6: Clarify the issue";
        await chat.SendAsync(lookalike);
        await chat.SendAsync(chat.Text(Dan, "Thanks!", answer));
        // Updates of a chat are handled in order: once this is answered, the replies before it were handled.
        var next = await chat.SayAsync(Ana, "/me", "You are Ana");

        Assert.Equal([answer.MessageId, next.MessageId], api.SentMessages.Where(m => m.ChatId == Group).Select(m => m.MessageId).SkipWhile(id => id != answer.MessageId));
        Assert.Empty(await ContributionsAsync(bot));
        Assert.Empty(api.Reactions);
        Assert.Equal(administratorLookups + 1, api.Requests.Count(r => r.Method == "getchatadministrators"));
    }

    private static async Task<IReadOnlyList<Contribution>> ContributionsAsync(RunningBot bot)
    {
        await using var tx = await bot.Store.BeginAsync(CancellationToken.None);
        var group = await tx.Groups.FindAsync(TelegramSender.Conversation(Group), CancellationToken.None);
        var session = await tx.Sessions.FindLatestAsync(group!.Id, CancellationToken.None);
        return await tx.Contributions.ListAsync(session!.Id, CancellationToken.None);
    }
}
