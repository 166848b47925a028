using ConvenerBot.Core.Calendar;
using ConvenerBot.Core.Conversations;
using ConvenerBot.LocalChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

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
    public async Task AMessageWithACalendar_WritesAnIcsFile_ThatParsesBackFieldByField_AndPrintsItsPath()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"convenerbot-ics-{Guid.NewGuid():N}");
        try
        {
            using var output = new StringWriter();
            var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
            using var gateway = new LocalChatGateway(new LocalChatIo(TextReader.Null, output, interactive: false), new FakeTimeProvider(now), folder);
            var session = new CalendarEvent(
                "session-7-2@convenerbot", 3, new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 5, 11, 0, 0, TimeSpan.Zero),
                "Peer circle: session 2", Cancelled: true);
            var message = new OutboundMessage("Session 2 as a calendar file, to open in your calendar app:")
            {
                Calendar = new CalendarFeed("Peer circle", "Europe/Oslo", [session]),
            };

            await gateway.PostAsync(new ConversationPost(Terminal, message), CancellationToken.None);

            var path = Path.Combine(folder, "session-7-2.ics");
            Assert.Equal(
                $"bot> Session 2 as a calendar file, to open in your calendar app:\nbot> Written to {path}\n",
                output.ToString().ReplaceLineEndings("\n"));
            var parsed = Assert.Single(Ical.Net.Calendar.Load(await File.ReadAllTextAsync(path))!.Events);
            Assert.Equal(session.Uid, parsed.Uid);
            Assert.Equal(3, parsed.Sequence);
            Assert.Equal("Peer circle: session 2", parsed.Summary);
            Assert.Equal("CANCELLED", parsed.Status);
            Assert.Equal(session.Start.UtcDateTime, parsed.DtStart!.AsUtc);
            Assert.Equal(session.End.UtcDateTime, parsed.DtEnd!.AsUtc);
            Assert.Equal(now.UtcDateTime, parsed.DtStamp!.AsUtc);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
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
