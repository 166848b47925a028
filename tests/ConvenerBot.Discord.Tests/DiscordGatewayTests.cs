using ConvenerBot.Core.Conversations;
using ConvenerBot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Discord.Tests;

/// <summary>Posting through the gateway with no interaction: into a channel, a session's thread, a member's direct messages.</summary>
public sealed class DiscordGatewayTests : BotTestBase
{
    private static readonly ConversationRef Channel = new("discord", DiscordBot.Channel);

    private IConversationGateway Gateway => Bot.Host.Services.GetRequiredService<ConversationGateways>().Find("discord")!;

    [Fact]
    public async Task PostAsync_ToAChannel_IsDelivered_WithItsIdButtonsAndNoMentions_AndCanQuoteAMessage()
    {
        var prompt = new OutboundMessage("Session 1 · stage 2 of 6: @everyone listen", Actions: [StageAction.Back, StageAction.Next], Stage: new StageRef(1, 2));

        var result = await Gateway.PostAsync(new ConversationPost(Channel, prompt) { ReplyTo = "700000000000000123" }, CancellationToken.None);

        var delivered = Assert.IsType<PostResult.Delivered>(result);
        var call = Assert.Single(Rest.CallsTo("POST", $"channels/{DiscordBot.Channel}/messages"));
        Assert.Equal("Bot test-bot-token", call.Authorization);
        Assert.Contains("@everyone listen", call.Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["s:b:1:2", "s:n:1:2"], call.Body["components"]![0]!["components"]!.AsArray().Select(b => b!["custom_id"]!.GetValue<string>()));
        Assert.Equal("700000000000000123", call.Body["message_reference"]!["message_id"]!.GetValue<string>());
        Assert.NotNull(call.Body["nonce"]);
        Assert.Single(delivered.MessageIds);
        Assert.Null(delivered.Space);
        Assert.Same(Bot.Host.Services.GetRequiredService<DiscordGateway>(), Bot.Host.Services.GetRequiredKeyedService<IConversationGateway>("discord"));
        SchemaChecker.AssertValidCalls(Rest);
    }

    [Fact]
    public async Task PostAsync_OpeningASpace_OpensAThreadLinkedFromTheChannel_WhereLaterPostsGo()
    {
        var start = new OutboundMessage("Session 1 has started.", OpensSpace: "Session 1: Funding gap");

        var opened = Assert.IsType<PostResult.Delivered>(await Gateway.PostAsync(new ConversationPost(Channel, start), CancellationToken.None));
        var inThread = Assert.IsType<PostResult.Delivered>(await Gateway.PostAsync(
            new ConversationPost(Channel, new OutboundMessage("Stage 1")) { Space = opened.Space }, CancellationToken.None));

        var thread = Rest.Threads.Single();
        Assert.Equal((thread, thread), (opened.Space, inThread.Space));
        Assert.Equal("Session 1: Funding gap", Rest.CallsTo("POST", $"channels/{DiscordBot.Channel}/threads").Single().Body!["name"]!.GetValue<string>());
        Assert.EndsWith($"<#{thread}>.", Rest.CallsTo("POST", $"channels/{DiscordBot.Channel}/messages").Single().Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Stage 1", Rest.CallsTo("POST", $"channels/{thread}/messages").Single().Body!["content"]!.GetValue<string>());
        Assert.Equal(thread, Bot.Host.Services.GetRequiredService<SessionThreads>().Find(DiscordBot.Channel));
        SchemaChecker.AssertValidCalls(Rest);
    }

    [Fact]
    public async Task PostAsync_PrivatelyToAMember_OpensTheirDirectMessagesOnce_AndPostsThere()
    {
        var secret = new OutboundMessage("Only for you") { Confidential = true };
        var ana = new MemberRef("discord", Member.Ana.Id);

        var first = await Gateway.PostAsync(new ConversationPost(Channel, secret) { PrivatelyTo = ana }, CancellationToken.None);
        var second = await Gateway.PostAsync(new ConversationPost(Channel, secret) { PrivatelyTo = ana }, CancellationToken.None);

        Assert.IsType<PostResult.Delivered>(first);
        Assert.IsType<PostResult.Delivered>(second);
        var open = Assert.Single(Rest.CallsTo("POST", "users/@me/channels"));
        Assert.Equal(Member.Ana.Id, open.Body!["recipient_id"]!.GetValue<string>());
        var direct = Assert.Single(Rest.Calls.Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal)).Select(c => c.Path).Distinct());
        Assert.NotEqual($"channels/{DiscordBot.Channel}/messages", direct);
        Assert.Null(Rest.Calls.Last().Body!["flags"]);
        SchemaChecker.AssertValidCalls(Rest);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public async Task PostAsync_Refused_IsConversationGone_OrInDirectMessagesPrivateUnreachable_NeverAnException(int status)
    {
        Rest.Fail("POST", $"channels/{DiscordBot.Channel}/messages", 1, status);
        var gone = await Gateway.PostAsync(new ConversationPost(Channel, new OutboundMessage("Reminder")), CancellationToken.None);
        Rest.Fail("POST", "users/@me/channels", 1, status);
        var closed = await Gateway.PostAsync(new ConversationPost(Channel, new OutboundMessage("Reminder")) { PrivatelyTo = new MemberRef("discord", Member.Ben.Id) }, CancellationToken.None);
        await Gateway.PostAsync(new ConversationPost(Channel, new OutboundMessage("Hello")) { PrivatelyTo = new MemberRef("discord", Member.Chloe.Id) }, CancellationToken.None);
        var direct = Rest.Calls.Last().Path;
        Rest.Fail("POST", direct, 1, status);
        var blocked = await Gateway.PostAsync(new ConversationPost(Channel, new OutboundMessage("Again")) { PrivatelyTo = new MemberRef("discord", Member.Chloe.Id) }, CancellationToken.None);

        Assert.IsType<PostResult.ConversationGone>(gone);
        Assert.IsType<PostResult.PrivateUnreachable>(closed);
        Assert.IsType<PostResult.PrivateUnreachable>(blocked);
        Assert.Equal([status, 200, status], Rest.Calls.Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal)).Select(c => c.Status));
    }

    [Fact]
    public async Task PostAsync_FailingPastTheDeadline_IsNotDelivered()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest, null, "--Discord:RetryDeadline=00:00:01");
        rest.Fail("POST", $"channels/{DiscordBot.Channel}/messages", int.MaxValue, 502);

        var result = await bot.Host.Services.GetRequiredService<DiscordGateway>().PostAsync(new ConversationPost(Channel, new OutboundMessage("Reminder")), CancellationToken.None);

        Assert.False(Assert.IsType<PostResult.NotDelivered>(result).MaybePosted);
    }
}
