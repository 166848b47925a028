using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ConvenerBot.Telegram.Tests;

/// <summary>A basic group upgraded to a supergroup (a new chat id) keeps its cases, sessions and roles.</summary>
public sealed class TelegramMigrationTests
{
    private const long Old = -4005550004;
    private const long New = -1005550004;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Ben = FakeBotApi.Person(12, "Ben");

    [Fact]
    public async Task ServiceMessages_MoveTheGroup_WithCasesSessionsAndRoles()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await RunningBot.StartAsync(api);
        var (before, after) = await PrepareAsync(api, bot);

        var moved = before.Text(Ana, "");
        moved.Message!.Text = null;
        moved.Message.MigrateToChatId = New;
        await before.SendAsync(moved);
        var arrived = after.Text(Ana, "");
        arrived.Message!.Text = null;
        arrived.Message.MigrateFromChatId = Old;
        await after.SendAsync(arrived);

        await after.SayAsync(Ben, "/me", "You are Ben, a facilitator");
        await after.SayAsync(Ben, "/session list", "1. Tue 1 Jan 2030 10:00");
        await after.SayAsync(Ben, "/case list", "1. Funding gap");
    }

    [Fact]
    public async Task ACallRefusedWithTheSupergroupsId_MovesTheGroup_AndTheAnswerGoesThere()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var bot = await RunningBot.StartAsync(api);
        var (before, after) = await PrepareAsync(api, bot);

        await before.SendAsync(before.Text(Ben, "/session list"));
        var answer = await api.WaitForAsync(a => a.SentMessages.FirstOrDefault(m => m.ChatId == New));

        Assert.Contains("1. Tue 1 Jan 2030 10:00", answer.Text, StringComparison.Ordinal);
        await after.SayAsync(Ben, "/me", "You are Ben, a facilitator");
        await after.SayAsync(Ana, "/me", "You are Ana, an organizer");
    }

    [Fact]
    public async Task MigrationDuringAStoreOutage_IsKept_AndMovesTheGroupOnceTheStoreIsBack()
    {
        await using var api = await FakeBotApi.StartAsync();
        using var temp = new TempDatabase();
        await using var bot = await RunningBot.StartAsync(api, database: temp.Path, connectionOptions: ";Default Timeout=1");
        var (before, after) = await PrepareAsync(api, bot);

        var moved = before.Text(Ana, "");
        moved.Message!.Text = null;
        moved.Message.MigrateToChatId = New;
        await using (await temp.LockAsync())
        {
            await before.SendAsync(moved);
            await api.WaitForAsync(_ => bot.Logs.Entries.Count(e => e.Id.Id == 4012) >= 2);
            Assert.True(LastOffset(api) <= moved.Id, "polling confirmed a move that was not made");
        }

        await api.WaitForAsync(_ => bot.Logs.Entries.Any(e => e.Id.Id == 4014));
        await after.SayAsync(Ben, "/me", "You are Ben, a facilitator");
        await after.SayAsync(Ben, "/session list", "1. Tue 1 Jan 2030 10:00");
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Id.Id == 4008);
    }

    [Fact]
    public async Task RemovalDuringAStoreOutage_IsKept_AndMarksTheGroupInactiveOnceTheStoreIsBack()
    {
        await using var api = await FakeBotApi.StartAsync();
        using var temp = new TempDatabase();
        await using var bot = await RunningBot.StartAsync(api, database: temp.Path, connectionOptions: ";Default Timeout=1");
        await PrepareAsync(api, bot);

        await using (await temp.LockAsync())
        {
            api.EnqueueUpdate(new Update
            {
                Id = GroupChat.NextUpdateId(),
                MyChatMember = new ChatMemberUpdated
                {
                    Chat = new Chat { Id = Old, Type = ChatType.Group, Title = "Peer circle" },
                    From = Ana,
                    Date = DateTime.UtcNow,
                    OldChatMember = new ChatMemberMember { User = api.BotUser },
                    NewChatMember = new ChatMemberLeft { User = api.BotUser },
                },
            });
            await api.WaitForAsync(_ => bot.Logs.Entries.Count(e => e.Id.Id == 4012) >= 2);
        }

        await api.WaitForAsync(_ => IsActiveAsync(bot).GetAwaiter().GetResult() is false);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Id.Id == 4008);
    }

    private static long LastOffset(FakeBotApi api) =>
        api.Requests.Last(r => r.Method == "getupdates").Body["offset"]?.GetValue<long>() ?? 0;

    private static async Task<bool?> IsActiveAsync(RunningBot bot)
    {
        await using var tx = await bot.Store.BeginAsync(CancellationToken.None);
        return (await tx.Groups.FindAsync(TelegramSender.Conversation(Old), CancellationToken.None))?.Active;
    }

    private static async Task<(GroupChat Before, GroupChat After)> PrepareAsync(FakeBotApi api, RunningBot bot)
    {
        api.AddBasicGroup(Old, "Peer circle", Ana.Id);
        var before = new GroupChat(api, bot, Old, webhook: false, type: ChatType.Group);
        await before.SayAsync(Ana, "/case open Funding gap", "Saved case 1");
        await before.SayAsync(Ana, "/role facilitator", "Saved: Ben is now a facilitator.", replyToMember: before.Chatter(Ben, "I can"));
        await before.SayAsync(Ben, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
        api.MigrateToSupergroup(Old, New);
        return (before, new GroupChat(api, bot, New, webhook: false));
    }
}
