using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Tests.Conversations;

public sealed class ConversationGatewaysTests
{
    private static readonly OutboundMessage Hello = new("Hello");

    [Fact]
    public async Task PostAsync_GoesThroughTheGatewayOfTheConversationsPlatform()
    {
        var telegram = new RecordingGateway("telegram");
        var discord = new RecordingGateway("discord");
        var gateways = new ConversationGateways([telegram, discord]);

        var result = await gateways.PostAsync(new ConversationPost(new ConversationRef("discord", "42"), Hello), CancellationToken.None);

        Assert.Equal(["42"], Assert.IsType<PostResult.Delivered>(result).MessageIds);
        Assert.Empty(telegram.Posts);
        Assert.Equal(new ConversationRef("discord", "42"), Assert.Single(discord.Posts).Conversation);
        Assert.Same(telegram, gateways.Find("telegram"));
        Assert.Equal(["telegram", "discord"], gateways.Platforms);
    }

    [Fact]
    public async Task PostAsync_ToAPlatformWithoutAGateway_Throws_AndFindSaysNone()
    {
        var gateways = new ConversationGateways([new RecordingGateway("telegram")]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => gateways.PostAsync(new ConversationPost(new ConversationRef("discord", "42"), Hello), CancellationToken.None));
        Assert.Null(gateways.Find("discord"));
    }

    [Fact]
    public void TwoGatewaysForOnePlatform_AreRefused()
    {
        Assert.Throws<InvalidOperationException>(() => new ConversationGateways([new RecordingGateway("telegram"), new RecordingGateway("telegram")]));
    }

    private sealed class RecordingGateway(string platform) : IConversationGateway
    {
        public List<ConversationPost> Posts { get; } = [];

        public string Platform => platform;

        public Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
        {
            Posts.Add(post);
            return Task.FromResult<PostResult>(new PostResult.Delivered([post.Conversation.Id], null));
        }
    }
}
