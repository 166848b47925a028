using ConvenerBot.Core.Conversations;
using ConvenerBot.LocalChat;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.EndToEnd.Tests;

/// <summary>The terminal chat's way out: posts with no typed line print as <c>bot&gt; </c> lines.</summary>
public sealed class LocalChatGatewayTests
{
    private static readonly ConversationRef Terminal = new("local", "terminal");

    [Fact]
    public async Task PostAsync_WithNoTypedLine_PrintsBotLines_WithTheActionsAsCommands_ToAnyone()
    {
        using var output = new StringWriter();
        using var gateway = new LocalChatGateway(new LocalChatIo(TextReader.Null, output, interactive: false));
        var prompt = new OutboundMessage("Session 1 · stage 2 of 6\nListen deeply", Actions: [StageAction.Back, StageAction.Next, StageAction.End], Stage: new StageRef(1, 2));

        var first = await gateway.PostAsync(new ConversationPost(Terminal, prompt), CancellationToken.None);
        var second = await gateway.PostAsync(new ConversationPost(Terminal, new OutboundMessage("Only for ana")) { PrivatelyTo = new MemberRef("local", "ana"), Space = "1" }, CancellationToken.None);

        Assert.Equal(
            "bot> Session 1 · stage 2 of 6\nbot> Listen deeply\nbot> Actions: /back · /next · /session end\nbot> Only for ana\n",
            output.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(["1"], Assert.IsType<PostResult.Delivered>(first).MessageIds);
        var printed = Assert.IsType<PostResult.Delivered>(second);
        Assert.Equal(["2"], printed.MessageIds);
        Assert.Equal("1", printed.Space);
    }

    [Fact]
    public void TheTerminalChat_RegistersItsGateway_ForThePlatformLocal()
    {
        var database = Path.Combine(Path.GetTempPath(), $"convenerbot-e2e-{Guid.NewGuid():N}.db");
        using var host = ConvenerApp.Build([$"--Storage:ConnectionString=Data Source={database}"]);

        var gateways = host.Services.GetRequiredService<ConversationGateways>();

        Assert.IsType<LocalChatGateway>(gateways.Find("local"));
        Assert.Equal(["local"], gateways.Platforms);
        Assert.False(File.Exists(database));
    }
}
