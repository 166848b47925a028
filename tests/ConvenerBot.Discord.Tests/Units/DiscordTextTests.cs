using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Discord.Tests.Units;

public sealed class DiscordTextTests
{
    [Fact]
    public void Render_ALongLineWithAnEmojiAtTheLimit_NeverLeavesHalfOfIt()
    {
        var text = new string('a', DiscordText.MaxLength - 1) + "😀 and the rest";

        var chunks = DiscordText.Render(new OutboundMessage(text));

        Assert.All(chunks, c => Assert.True(c.Length <= DiscordText.MaxLength));
        Assert.All(chunks, c => Assert.False(char.IsHighSurrogate(c[^1]) || char.IsLowSurrogate(c[0]), "a chunk holds half an emoji"));
        Assert.Equal(text, string.Concat(chunks));
    }
}
