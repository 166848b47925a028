using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using Microsoft.Data.Sqlite;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram.Tests;

/// <summary>When the store cannot be reached, nothing members sent is lost: it is kept, in order, and handed in again.</summary>
public sealed class TelegramStoreOutageTests
{
    private const long Group = -1005550002;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Chloe = FakeBotApi.Person(13, "Chloe");
    private static readonly User Dan = FakeBotApi.Person(14, "Dan");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LockedDatabase_ContributionsAreKept_SavedOnceInOrder_AndTheChatToldOnce(bool webhook)
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        using var temp = new TempDatabase();
        var database = temp.Path;
        await using var bot = await RunningBot.StartAsync(api, webhook, database, connectionOptions: ";Default Timeout=1");
        var chat = new GroupChat(api, bot, Group, webhook);
        var prompt = await chat.OpenQuestionsStageAsync(Ana);

        await using (var blocker = new SqliteConnection($"Data Source={database}"))
        {
            await blocker.OpenAsync();
            await using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            // Concurrent webhook posts have no order of their own, so the webhook variant holds one update.
            var held = webhook ? [chat.Text(Chloe, "First question?", prompt)] : new[]
            {
                chat.Text(Chloe, "First question?", prompt),
                chat.Text(Dan, "/ask Second question?"),
                chat.Text(Chloe, "Third question?", prompt),
            };
            var sending = Task.WhenAll(held.Select(chat.SendAsync));
            await chat.ExpectAsync("I can't save right now; I'll keep your message and retry");
            await api.WaitForAsync(_ => bot.Logs.Entries.Count(e => e.Id.Id == 4012) >= 3);
            if (webhook)
            {
                Assert.False(sending.IsCompleted, "the webhook answered before the update was saved");
            }
            else
            {
                Assert.True(LastOffset(api) <= held[0].Id, "polling confirmed an update that was not saved");
            }

            await using var commit = blocker.CreateCommand();
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
            await blocker.CloseAsync();
            await sending;
        }

        await api.WaitForAsync(_ => ContributionsAsync(bot).GetAwaiter().GetResult().Count == (webhook ? 1 : 3));
        await chat.SayAsync(Ana, "/here", "Noted: Ana is present in session 1.");
        Assert.Single(api.SentMessages, m => m.Text.StartsWith("I can't save right now", StringComparison.Ordinal));
        Assert.Equal(webhook ? ["First question?"] : ["First question?", "Second question?", "Third question?"], await ContributionsAsync(bot));
        await chat.SayAsync(Ana, "/next", "stage 4 of 6");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OutageNoticeThatFails_StillKeepsTheUpdate(bool press)
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        using var temp = new TempDatabase();
        await using var bot = await RunningBot.StartAsync(api, database: temp.Path, connectionOptions: ";Default Timeout=1");
        var chat = new GroupChat(api, bot, Group, webhook: false);
        var prompt = await chat.OpenQuestionsStageAsync(Ana);

        await using (await temp.LockAsync())
        {
            // Telegram does not take the notice (the reply to a message, the answer to a press).
            api.GarbleNext(press ? "answerCallbackQuery" : "sendMessage");
            await chat.SendAsync(press ? chat.Press(Ana, prompt, "s:n:1:3") : chat.Text(Chloe, "Kept question?", prompt));
            await api.WaitForAsync(_ => bot.Logs.Entries.Any(e => e.Id.Id == 4016) && bot.Logs.Entries.Any(e => e.Id.Id == 4012));
        }

        if (press)
        {
            await chat.ExpectAsync("stage 4 of 6");
        }
        else
        {
            await api.WaitForAsync(_ => ContributionsAsync(bot).GetAwaiter().GetResult().Count == 1);
            Assert.Equal(["Kept question?"], await ContributionsAsync(bot));
        }

        Assert.DoesNotContain(bot.Logs.Entries, e => e.Id.Id == 4008);
    }

    private static long LastOffset(FakeBotApi api) =>
        api.Requests.Last(r => r.Method == "getupdates").Body["offset"]?.GetValue<long>() ?? 0;

    private static async Task<IReadOnlyList<string>> ContributionsAsync(RunningBot bot)
    {
        await using var tx = await bot.Store.BeginAsync(CancellationToken.None);
        var group = await tx.Groups.FindAsync(TelegramSender.Conversation(Group), CancellationToken.None);
        var session = await tx.Sessions.FindLatestAsync(group!.Id, CancellationToken.None);
        return [.. (await tx.Contributions.ListAsync(session!.Id, CancellationToken.None)).OrderBy(c => c.Id).Select(c => c.Text)];
    }
}
