using System.Text;
using ConvenerBot.Core.Calendar;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using IcalCalendar = Ical.Net.Calendar;

namespace ConvenerBot.Discord.Tests;

/// <summary>
/// <c>/session ics ID</c> on Discord: the answer is deferred (privately, as the command answers), and the session's
/// .ics comes as an attachment (multipart: <c>payload_json</c> and <c>files[0]</c>) when it is completed; messages the
/// bot posts itself carry it the same way.
/// </summary>
public sealed class CalendarFileTests : BotTestBase
{
    private static string Original(string id) => $"webhooks/{DiscordBot.ApplicationId}/tok-{id}/messages/@original";

    [Fact]
    public async Task SessionIcs_CompletesItsPrivateDeferral_WithTheFileAttached_WhichParsesBack()
    {
        await Bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-12-27 10:00")), Member.Ana, id: "schedule");

        var response = await Bot.InteractAsync(2, DiscordBot.SubCommand("session", "ics", ("id", 1)), Member.Ben, id: "ics");

        Assert.Equal((5, 64), (response["type"]!.GetValue<int>(), response["data"]!["flags"]!.GetValue<int>()));
        await Rest.WaitForAsync(r => r.CallsTo("PATCH", Original("ics")).Any());
        var edit = Assert.Single(Rest.CallsTo("PATCH", Original("ics")));
        Assert.Equal(200, edit.Status);
        Assert.Equal("Session 1 as a calendar file, to open in your calendar app:", edit.Body!["content"]!.GetValue<string>());
        var attachment = Assert.Single(edit.Body["attachments"]!.AsArray())!;
        Assert.Equal(("0", "session-1.ics"), (attachment["id"]!.GetValue<string>(), attachment["filename"]!.GetValue<string>()));
        var upload = Assert.Single(Rest.Uploads);
        Assert.Equal(("PATCH", Original("ics"), "files[0]", "session-1.ics"), (upload.Method, upload.Path, upload.Part, upload.FileName));
        var session = Assert.Single(IcalCalendar.Load(Encoding.UTF8.GetString(upload.Content))!.Events);
        Assert.Equal(CalendarFeeds.Uid(await GroupIdAsync(), 1), session.Uid);
        Assert.Equal(new DateTime(2030, 12, 27, 10, 0, 0, DateTimeKind.Utc), session.DtStart!.AsUtc);
        Assert.Equal(0, session.Sequence);
        SchemaChecker.AssertValidCalls(Rest);
    }

    [Fact]
    public async Task SessionIcs_ForAnUnknownSession_GetsTheClearReply_AndNoFile()
    {
        await Bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-12-27 10:00")), Member.Ana, id: "schedule");

        var response = await Bot.InteractAsync(2, DiscordBot.SubCommand("session", "ics", ("id", 9)), Member.Ben, id: "ics9");

        Assert.Equal(4, response["type"]!.GetValue<int>());
        Assert.StartsWith("There is no session 9 in this group.", response["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.Null(response["data"]!["attachments"]);
        await Task.Delay(300);
        Assert.Empty(Rest.Uploads);
    }

    [Fact]
    public async Task PostAsync_WithACalendar_AttachesTheFile_ToTheLastPart_InTheChannelAndInDirectMessages()
    {
        var gateway = Bot.Host.Services.GetRequiredService<ConversationGateways>().Find("discord")!;
        var at = new DateTimeOffset(2030, 12, 27, 10, 0, 0, TimeSpan.Zero);
        var feed = new CalendarFeed("Circle", "UTC", [new CalendarEvent("session-5-3@convenerbot", 4, at, at.AddHours(1), "Circle · session 3", Cancelled: true)])
        {
            FileName = "session-3.ics",
        };
        var channel = new ConversationRef("discord", DiscordBot.Channel);

        var posted = await gateway.PostAsync(new ConversationPost(channel, new OutboundMessage(new string('x', 2500)) { Calendar = feed }), CancellationToken.None);
        var direct = await gateway.PostAsync(
            new ConversationPost(channel, new OutboundMessage("Yours") { Calendar = feed }) { PrivatelyTo = new MemberRef("discord", Member.Ben.Id) }, CancellationToken.None);

        Assert.Equal(2, Assert.IsType<PostResult.Delivered>(posted).MessageIds.Count);
        Assert.IsType<PostResult.Delivered>(direct);
        var parts = Rest.CallsTo("POST", $"channels/{DiscordBot.Channel}/messages").ToList();
        Assert.Null(parts[0].Body!["attachments"]);
        Assert.Equal("session-3.ics", parts[1].Body!["attachments"]![0]!["filename"]!.GetValue<string>());
        Assert.Single(Rest.CallsTo("POST", "users/@me/channels"));
        var uploads = Rest.Uploads.ToList();
        Assert.Equal(2, uploads.Count);
        Assert.Equal($"channels/{DiscordBot.Channel}/messages", uploads[0].Path);
        Assert.Matches(@"^channels/\d+/messages$", uploads[1].Path);
        Assert.NotEqual(uploads[0].Path, uploads[1].Path);
        var cancelled = Assert.Single(IcalCalendar.Load(Encoding.UTF8.GetString(Rest.Uploads.First().Content))!.Events);
        Assert.Equal(("session-5-3@convenerbot", 4, "CANCELLED"), (cancelled.Uid, cancelled.Sequence, cancelled.Status));
        SchemaChecker.AssertValidCalls(Rest);
    }

    private async Task<long> GroupIdAsync()
    {
        await using var tx = await Bot.Host.Services.GetRequiredService<IConvenerStore>().BeginAsync(CancellationToken.None);
        return (await tx.Groups.FindAsync(new ConversationRef("discord", DiscordBot.Channel), CancellationToken.None))!.Id;
    }
}
