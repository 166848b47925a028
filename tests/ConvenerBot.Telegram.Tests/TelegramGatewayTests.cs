using ConvenerBot.Core.Conversations;
using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram.Tests;

/// <summary>Posting through the gateway with no incoming message: into a group, a forum topic, a member's private chat.</summary>
public sealed class TelegramGatewayTests
{
    private const long Group = -1005550007;
    private const long Forum = -1005550008;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Ben = FakeBotApi.Person(12, "Ben");
    private static readonly ConversationRef InGroup = TelegramSender.Conversation(Group);

    [Fact]
    public async Task PostAsync_ToAGroup_IsDelivered_WithItsIdsAndButtons_AndALongOneIsSplit()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle");
        await using var bot = await RunningBot.StartAsync(api);
        var gateways = bot.Host.Services.GetRequiredService<ConversationGateways>();
        var prompt = new OutboundMessage("Session 1 · stage 2 of 6: <Listen>", Actions: [StageAction.Back, StageAction.Next], Stage: new StageRef(1, 2));

        var result = await gateways.PostAsync(new ConversationPost(InGroup, prompt), CancellationToken.None);
        var longOne = await gateways.PostAsync(new ConversationPost(InGroup, prompt with { Text = new string('x', 5000) }), CancellationToken.None);

        var delivered = Assert.IsType<PostResult.Delivered>(result);
        var sent = Assert.Single(api.SentMessages, m => m.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture) == Assert.Single(delivered.MessageIds));
        Assert.Equal((Group, "<b>Session 1 · stage 2 of 6: &lt;Listen&gt;</b>", (int?)null), (sent.ChatId, sent.Text, sent.MessageThreadId));
        Assert.Equal(["s:b:1:2", "s:n:1:2"], GroupChat.Buttons(sent));
        Assert.Null(delivered.Space);
        var parts = Assert.IsType<PostResult.Delivered>(longOne).MessageIds;
        Assert.Equal(2, parts.Count);
        Assert.Empty(GroupChat.Buttons(api.SentMessages[^2]));
        Assert.Equal(["s:b:1:2", "s:n:1:2"], GroupChat.Buttons(api.SentMessages[^1]));
        Assert.Same(bot.Host.Services.GetRequiredService<TelegramGateway>(), bot.Host.Services.GetRequiredKeyedService<IConversationGateway>("telegram"));
    }

    [Fact]
    public async Task PostAsync_OpeningASpaceInAForum_OpensATopic_WhereLaterPostsGo_AndElsewhereStaysInTheGroup()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Forum, "Forum circle", isForum: true);
        api.AddChat(Group, "Circle");
        await using var bot = await RunningBot.StartAsync(api);
        var gateway = bot.Host.Services.GetRequiredService<ConversationGateways>().Find("telegram")!;
        var start = new OutboundMessage("Session 1 has started.", OpensSpace: "Session 1: Funding gap");

        var opened = Assert.IsType<PostResult.Delivered>(await gateway.PostAsync(new ConversationPost(TelegramSender.Conversation(Forum), start), CancellationToken.None));
        var inTopic = Assert.IsType<PostResult.Delivered>(await gateway.PostAsync(
            new ConversationPost(TelegramSender.Conversation(Forum), new OutboundMessage("Stage 1")) { Space = opened.Space }, CancellationToken.None));
        var plain = Assert.IsType<PostResult.Delivered>(await gateway.PostAsync(new ConversationPost(InGroup, start), CancellationToken.None));

        Assert.NotNull(opened.Space);
        Assert.Equal(opened.Space, inTopic.Space);
        Assert.Equal(int.Parse(opened.Space, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(api.SentMessages, m => m.Text == "Stage 1").MessageThreadId);
        Assert.Equal("Session 1: Funding gap", Assert.Single(api.Requests, r => r.Method == "createforumtopic").Body["name"]?.GetValue<string>());
        Assert.Null(plain.Space);
        Assert.Null(Assert.Single(api.SentMessages, m => m.ChatId == Group).MessageThreadId);
    }

    [Fact]
    public async Task PostAsync_PrivatelyToAMember_GoesToTheirPrivateChat_OrSaysTheyCannotBeReached()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle");
        api.AddPrivateChat(Ana);
        await using var bot = await RunningBot.StartAsync(api);
        var gateway = bot.Host.Services.GetRequiredService<ConversationGateways>().Find("telegram")!;
        var secret = new OutboundMessage("Only for you") { Confidential = true };

        var toAna = await gateway.PostAsync(new ConversationPost(InGroup, secret) { PrivatelyTo = UpdateTranslator.Member(Ana) }, CancellationToken.None);
        var toBen = await gateway.PostAsync(new ConversationPost(InGroup, secret) { PrivatelyTo = UpdateTranslator.Member(Ben) }, CancellationToken.None);
        api.FailNext("sendMessage", 403, "Forbidden: bot was blocked by the user");
        var blocked = await gateway.PostAsync(new ConversationPost(InGroup, secret) { PrivatelyTo = UpdateTranslator.Member(Ana) }, CancellationToken.None);

        Assert.IsType<PostResult.Delivered>(toAna);
        Assert.Equal(Ana.Id, Assert.Single(api.SentMessages).ChatId);
        Assert.IsType<PostResult.PrivateUnreachable>(toBen);
        Assert.Contains("blocked", Assert.IsType<PostResult.PrivateUnreachable>(blocked).Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(api.SentMessages, m => m.ChatId == Group);
    }

    [Fact]
    public async Task PostAsync_RefusedWith403OrToAChatThatIsNotThere_IsConversationGone_AndTheGroupIsNotMarkedHere()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle");
        await using var bot = await RunningBot.StartAsync(api);
        await new GroupChat(api, bot, Group, webhook: false).SayAsync(Ana, "/me", "You are Ana");
        var gateway = bot.Host.Services.GetRequiredService<ConversationGateways>().Find("telegram")!;
        api.FailNext("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat");

        var kicked = await gateway.PostAsync(new ConversationPost(InGroup, new OutboundMessage("Reminder")), CancellationToken.None);
        var missing = await gateway.PostAsync(new ConversationPost(TelegramSender.Conversation(-1009999999), new OutboundMessage("Reminder")), CancellationToken.None);

        Assert.Contains("kicked", Assert.IsType<PostResult.ConversationGone>(kicked).Reason, StringComparison.Ordinal);
        Assert.IsType<PostResult.ConversationGone>(missing);
        Assert.True(await IsActiveAsync(bot));
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Id.Id == 4006);
    }

    [Fact]
    public async Task PostAsync_FailingPastTheDeadline_OrUnanswered_IsNotDelivered_AndSaysWhetherItMayHaveBeenPosted()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle");
        await using var bot = await RunningBot.StartAsync(api, settings: ["--Telegram:SendDeadline=00:00:01"]);
        var gateway = bot.Host.Services.GetRequiredService<ConversationGateways>().Find("telegram")!;

        api.FailNext("sendMessage", 503, "Service Unavailable", times: 10_000);
        var down = await gateway.PostAsync(new ConversationPost(InGroup, new OutboundMessage("Reminder")), CancellationToken.None);
        api.ClearFaults();
        api.GarbleNext("sendMessage");
        var garbled = await gateway.PostAsync(new ConversationPost(InGroup, new OutboundMessage("Reminder")), CancellationToken.None);

        Assert.False(Assert.IsType<PostResult.NotDelivered>(down).MaybePosted);
        Assert.True(Assert.IsType<PostResult.NotDelivered>(garbled).MaybePosted);
    }

    private static async Task<bool> IsActiveAsync(RunningBot bot)
    {
        await using var tx = await bot.Store.BeginAsync(CancellationToken.None);
        return (await tx.Groups.FindAsync(InGroup, CancellationToken.None))!.Active;
    }
}
