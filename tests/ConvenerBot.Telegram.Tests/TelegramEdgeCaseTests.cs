using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ConvenerBot.Telegram.Tests;

/// <summary>Telegram's less common senders and failures: anonymous admins, channel forwards, captions, unknown rights, redelivered refusals.</summary>
public sealed class TelegramEdgeCaseTests
{
    private const long Group = -1005550003;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Ben = FakeBotApi.Person(12, "Ben");
    private static readonly User GroupAnonymousBot = new() { Id = 1087968824, IsBot = true, FirstName = "Group", Username = "GroupAnonymousBot" };
    private static readonly User TelegramService = new() { Id = 777000, IsBot = false, FirstName = "Telegram" };

    [Fact]
    public async Task RefusedCommand_RedeliveredAfterARestart_IsNotAnsweredTwice()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        using var temp = new TempDatabase();
        int updateId;
        await using (var first = await RunningBot.StartAsync(api, database: temp.Path))
        {
            var chat = new GroupChat(api, first, Group, webhook: false);
            var update = chat.Text(Ben, "/case withdraw 7");
            updateId = update.Id;
            await chat.SendAsync(update);
            await chat.ExpectAsync("There is no case 7");
        }

        api.RedeliverFrom(updateId);
        await using var second = await RunningBot.StartAsync(api, database: temp.Path);
        await new GroupChat(api, second, Group, webhook: false).SayAsync(Ben, "/me", "You are Ben, a member");

        Assert.Single(api.SentMessages, m => m.Text.Contains("There is no case 7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SummaryAskedForInTheGroup_GoesToThePrivateChat_NeverToTheGroup()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        await chat.SayAsync(Ana, "/case open Secret matter", "Saved case 1");
        await chat.SayAsync(Ana, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
        await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");
        await chat.SayAsync(Ana, "/session end", "Session 1 has ended");
        await chat.ExpectAsync("Took part");
        var inGroup = api.SentMessages.Count(m => m.ChatId == Group && m.Text.Contains("Secret matter", StringComparison.Ordinal));

        await chat.SayAsync(Ana, "/summary 1", "Open a private chat with me (https://t.me/ConvenerTestBot), press Start");
        api.AddPrivateChat(Ana);
        await chat.SayAsync(Ana, "/summary 1", "I sent it to you in our private chat.");

        Assert.Single(api.SentMessages, m => m.ChatId == Ana.Id && m.Text.Contains("Secret matter", StringComparison.Ordinal));
        Assert.Equal(inGroup, api.SentMessages.Count(m => m.ChatId == Group && m.Text.Contains("Secret matter", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AdministratorsUnreadable_AfterRetries_AsksToTryAgain_AndRunsNothing()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);

        api.FailNext("getChatAdministrators", 502, "Bad Gateway", times: 3);
        await chat.SayAsync(Ana, "/case open Not now", "I could not check your rights with Telegram just now; try again.");
        api.FailNext("getChatAdministrators", 502, "Bad Gateway", times: 2);
        await chat.SayAsync(Ana, "/me", "You are Ana, an organizer");
        await chat.SayAsync(Ana, "/case list", "No cases yet");

        Assert.Equal([502, 502, 502, 502, 502, 200, 200], api.Requests.Where(r => r.Method == "getchatadministrators").Select(r => r.Status));
    }

    [Fact]
    public async Task ButtonPressed_WhileAdministratorsStayUnreadable_GetsTheAlert_AndRunsNothing()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        await chat.SayAsync(Ana, "/case open Real", "Saved case 1");
        await chat.SayAsync(Ana, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
        var prompt = await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");
        var sent = api.SentMessages.Count;

        api.FailNext("getChatAdministrators", 502, "Bad Gateway", times: 3);
        var refused = await chat.PressAsync(Ana, prompt, "s:n:1:1");

        Assert.True(refused.ShowAlert);
        Assert.Equal("I could not check your rights with Telegram just now; try again.", refused.Text);
        Assert.Equal(3, api.Requests.Count(r => r is { Method: "getchatadministrators", Status: 502 }));

        // The session is still at its first stage: the next /next moves it to the second, once.
        await chat.SayAsync(Ana, "/next", "stage 2 of 6");
        Assert.Single(api.SentMessages, m => m.Text.Contains("stage 2 of 6", StringComparison.Ordinal));
        Assert.Equal(sent + 1, api.SentMessages.Count);
    }

    [Fact]
    public async Task CaptionHint_RedeliveredAfterARestart_IsNotGivenTwice()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        using var temp = new TempDatabase();
        int updateId;
        await using (var first = await RunningBot.StartAsync(api, database: temp.Path))
        {
            var chat = new GroupChat(api, first, Group, webhook: false);
            var photo = chat.Text(Ben, "/case open In a caption");
            photo.Message!.Caption = photo.Message.Text;
            photo.Message.CaptionEntities = photo.Message.Entities;
            photo.Message.Text = null;
            photo.Message.Entities = null;
            photo.Message.Photo = [new PhotoSize { FileId = "photo", FileUniqueId = "photo-u", Width = 10, Height = 10 }];
            updateId = photo.Id;
            await chat.SendAsync(photo);
            await chat.ExpectAsync("Commands go in a text message of their own");
        }

        api.RedeliverFrom(updateId);
        await using var second = await RunningBot.StartAsync(api, database: temp.Path);
        await new GroupChat(api, second, Group, webhook: false).SayAsync(Ben, "/me", "You are Ben, a member");

        Assert.Single(api.SentMessages, m => m.Text.Contains("Commands go in a text message of their own", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnonymousAdministrator_ActsAsOrganizer_ChannelForwardsDoNothing_CaptionsGetAHint()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);

        var anonymous = chat.Text(GroupAnonymousBot, "/me");
        anonymous.Message!.SenderChat = anonymous.Message.Chat;
        await chat.SendAsync(anonymous);
        await chat.ExpectAsync("You are Anonymous admin, an organizer");
        var asGroup = chat.Text(GroupAnonymousBot, "/case open From the admins");
        asGroup.Message!.SenderChat = asGroup.Message.Chat;
        await chat.SendAsync(asGroup);
        await chat.ExpectAsync("Saved case 1: From the admins");

        var forward = chat.Text(TelegramService, "/case open Channel post");
        forward.Message!.IsAutomaticForward = true;
        forward.Message.SenderChat = new Chat { Id = -1009990001, Type = ChatType.Channel, Title = "News" };
        await chat.SendAsync(forward);
        var onBehalfOfChannel = chat.Text(new User { Id = 136817688, IsBot = true, FirstName = "Channel", Username = "Channel_Bot" }, "/case open Channel voice");
        onBehalfOfChannel.Message!.SenderChat = forward.Message.SenderChat;
        await chat.SendAsync(onBehalfOfChannel);

        var photo = chat.Text(Ben, "/case open In a caption");
        photo.Message!.Caption = photo.Message.Text;
        photo.Message.CaptionEntities = photo.Message.Entities;
        photo.Message.Text = null;
        photo.Message.Entities = null;
        photo.Message.Photo = [new PhotoSize { FileId = "photo", FileUniqueId = "photo-u", Width = 10, Height = 10 }];
        await chat.SendAsync(photo);
        await chat.ExpectAsync("Commands go in a text message of their own");

        await chat.SayAsync(Ben, "/case list", "1. From the admins");
        Assert.DoesNotContain(api.SentMessages, m => m.Text.Contains("Channel", StringComparison.Ordinal) || m.Text.Contains("caption\u00a0", StringComparison.Ordinal));
        Assert.DoesNotContain("2.", api.SentMessages[^1].Text, StringComparison.Ordinal);
    }
}
