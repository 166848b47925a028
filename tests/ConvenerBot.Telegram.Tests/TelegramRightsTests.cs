using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ConvenerBot.Telegram.Tests;

/// <summary>Who may do what in a Telegram group: rights come from Telegram's administrators and from /role given to a person, never to a name.</summary>
public sealed class TelegramRightsTests
{
    private const long Group = -1005550001;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Ben = new() { Id = 12, IsBot = false, FirstName = "Ben", Username = "benny" };
    private static readonly User Chloe = FakeBotApi.Person(13, "Chloe");
    private static readonly User Dan = FakeBotApi.Person(14, "Dan");
    private static readonly User FakeBen = FakeBotApi.Person(99, "Ben");

    [Fact]
    public async Task FirstWriter_IsNoOrganizer_AdministratorsAre()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);

        await chat.SayAsync(Ben, "/me", "You are Ben, a member");
        await chat.SayAsync(Ben, "/role organizer", "Only an organizer", replyToMember: chat.Chatter(Ben, "me!"));
        await chat.SayAsync(Ana, "/me", "You are Ana, an organizer");
    }

    [Fact]
    public async Task RolePickedByReply_GoesToThatPerson_EvenBeforeTheyWrote_AndNotToAnImpostor()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);

        await chat.SayAsync(Ana, "/role facilitator Chloe", "Roles go to people, not to names");
        await chat.SayAsync(Ana, "/role facilitator", "Saved: Chloe is now a facilitator.", replyToMember: chat.Chatter(Chloe, "happy to help"));
        await chat.SayAsync(Ana, "/role facilitator", "Roles go to people", replyToMember: chat.Chatter(api.BotUser, "a bot's message"));
        await chat.SayAsync(Chloe, "/me", "You are Chloe, a facilitator");
        var impostor = new User { Id = 98, IsBot = false, FirstName = "Chloe" };
        await chat.SayAsync(impostor, "/me", "You are Chloe, a member");
        await chat.SayAsync(impostor, "/session schedule 2031-01-01 10:00", "Only a facilitator");

        var menu = Assert.Single(api.Requests, r => r.Method == "setmycommands" && r.Body["scope"]?["type"]?.GetValue<string>() == "chat_member");
        Assert.Equal((Group, Chloe.Id), (menu.Body["scope"]!["chat_id"]!.GetValue<long>(), menu.Body["scope"]!["user_id"]!.GetValue<long>()));
        Assert.Contains(menu.Body["commands"]!.AsArray(), c => c!["command"]!.GetValue<string>() == "next");
    }

    [Fact]
    public async Task RoleByMention_TextMentionGivesTheId_UsernameIsLookedUp()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);

        const string byName = "/role facilitator Dan";
        await chat.SayAsync(Ana, byName, "Saved: Dan is now a facilitator.",
            entities: [new MessageEntity { Type = MessageEntityType.TextMention, Offset = byName.IndexOf("Dan", StringComparison.Ordinal), Length = 3, User = Dan }]);
        await chat.SayAsync(Dan, "/me", "You are Dan, a facilitator");

        const string byHandle = "/role facilitator @benny";
        var mention = new MessageEntity { Type = MessageEntityType.Mention, Offset = byHandle.IndexOf('@', StringComparison.Ordinal), Length = 6 };
        await chat.SayAsync(Ana, byHandle, "I have not seen @benny write in this group yet", entities: [mention]);
        await chat.SayAsync(Ben, "/me", "You are Ben, a member");
        await chat.SayAsync(FakeBen, "/me", "You are Ben, a member");
        await chat.SayAsync(Ana, byHandle, "Saved: Ben is now a facilitator.", entities: [mention]);
        await chat.SayAsync(Ben, "/me", "You are Ben, a facilitator");
        await chat.SayAsync(FakeBen, "/me", "You are Ben, a member");
    }

    [Fact]
    public async Task RoleByUsername_ShowsThatMemberTheRolesMenu_AndTakesItAwayAgain()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        await chat.SayAsync(Ben, "/me", "You are Ben, a member");

        const string facilitator = "/role facilitator @benny";
        await chat.SayAsync(Ana, facilitator, "Saved: Ben is now a facilitator.",
            entities: [new MessageEntity { Type = MessageEntityType.Mention, Offset = facilitator.IndexOf('@', StringComparison.Ordinal), Length = 6 }]);
        const string member = "/role member @benny";
        await chat.SayAsync(Ana, member, "Saved: Ben is now a member.",
            entities: [new MessageEntity { Type = MessageEntityType.Mention, Offset = member.IndexOf('@', StringComparison.Ordinal), Length = 6 }]);

        var menu = Assert.Single(api.Requests, r => r.Method == "setmycommands" && r.Body["scope"]?["type"]?.GetValue<string>() == "chat_member");
        Assert.Equal((Group, Ben.Id), (menu.Body["scope"]!["chat_id"]!.GetValue<long>(), menu.Body["scope"]!["user_id"]!.GetValue<long>()));
        Assert.Contains(menu.Body["commands"]!.AsArray(), c => c!["command"]!.GetValue<string>() == "next");
        var cleared = await api.WaitForAsync(a => a.Requests.FirstOrDefault(r => r.Method == "deletemycommands" && r.Body["scope"]?["type"]?.GetValue<string>() == "chat_member"));
        Assert.Equal((Group, Ben.Id), (cleared.Body["scope"]!["chat_id"]!.GetValue<long>(), cleared.Body["scope"]!["user_id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task PrivateChat_OfAMemberOfAGroup_ListsThatGroup()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        api.AddPrivateChat(Chloe);
        await using var bot = await RunningBot.StartAsync(api);
        var group = new GroupChat(api, bot, Group, webhook: false);
        await group.SayAsync(Chloe, "/case open Funding gap", "Saved case 1");
        var own = new GroupChat(api, bot, Chloe.Id, webhook: false, type: ChatType.Private);

        var overview = await own.SayAsync(Chloe, "/me", "Your groups:");

        Assert.Contains("- Peer circle: a member", overview.Text, StringComparison.Ordinal);
        Assert.Contains("- Peer circle, case 1: Funding gap", overview.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("I have not met you", overview.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivateChat_IsAPersonalSpace_NotAGroup()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddPrivateChat(Ana);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Ana.Id, webhook: false, type: ChatType.Private);

        await chat.SayAsync(Ana, "/start", "This is our private chat, not a group.");
        await chat.SayAsync(Ana, "/help", "This is our private chat, not a group.");
        await chat.SayAsync(Ana, "/case open Mine", "That is a group command");
        await chat.SayAsync(Ana, "/me", "I have not met you in any group yet.");

        Assert.DoesNotContain(api.Requests, r => r.Method == "getchatadministrators");
    }
}
