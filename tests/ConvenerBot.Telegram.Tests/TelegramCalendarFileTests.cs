using System.Globalization;
using System.Text;
using ConvenerBot.Core.Calendar;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;
using IcalCalendar = Ical.Net.Calendar;

namespace ConvenerBot.Telegram.Tests;

/// <summary>
/// <c>/session ics ID</c> on Telegram: the session's .ics file comes as a document (sendDocument), with the answer
/// as its caption, in the group or the topic the command came from; what Telegram refuses maps as for text.
/// </summary>
public sealed class TelegramCalendarFileTests
{
    private const long Group = -1005550071;
    private const long Forum = -1005550072;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Ben = FakeBotApi.Person(12, "Ben");

    [Fact]
    public async Task SessionIcs_SendsTheSessionsFile_WhichParsesBack_WithTheFeedsUidAndSequence()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        await chat.SayAsync(Ana, "/session schedule 2030-12-27 10:00", "Saved: session 1 on Fri 27 Dec 2030 10:00 (UTC)");
        var groupId = await GroupIdAsync(bot);

        var asked = chat.Text(Ben, "/session ics 1");
        await chat.SendAsync(asked);
        var first = await api.WaitForAsync(a => a.SentDocuments is [var d, ..] ? d : null);

        Assert.Equal((Group, (int?)null, "session-1.ics", asked.Message!.Id), (first.ChatId, first.MessageThreadId, first.FileName, first.ReplyToMessageId));
        Assert.Equal("Session 1 as a calendar file, to open in your calendar app:", first.Caption);
        Assert.Equal("Html", first.ParseMode, ignoreCase: true);
        var scheduled = Assert.Single(IcalCalendar.Load(Encoding.UTF8.GetString(first.Content))!.Events);
        Assert.Equal(CalendarFeeds.Uid(groupId, 1), scheduled.Uid);
        Assert.Equal(new DateTime(2030, 12, 27, 10, 0, 0, DateTimeKind.Utc), scheduled.DtStart!.AsUtc);
        Assert.Equal(0, scheduled.Sequence);
        Assert.Equal("CONFIRMED", scheduled.Status);

        // Once cancelled, the same event comes again with a higher SEQUENCE, so calendars replace their copy.
        await chat.SayAsync(Ana, "/session cancel 1", "Session 1 is cancelled.");
        await chat.SendAsync(chat.Text(Ben, "/session ics 1"));
        var second = await api.WaitForAsync(a => a.SentDocuments is [_, var d, ..] ? d : null);
        var cancelled = Assert.Single(IcalCalendar.Load(Encoding.UTF8.GetString(second.Content))!.Events);
        Assert.Equal(scheduled.Uid, cancelled.Uid);
        Assert.True(cancelled.Sequence > scheduled.Sequence, $"SEQUENCE {cancelled.Sequence} after {scheduled.Sequence}");
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.DoesNotContain(api.SentMessages, m => m.Text.Contains("calendar file", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/session ics 9", "There is no session 9 in this group.")]
    [InlineData("/session ics", "Usage: /session ics ID")]
    [InlineData("/session ics x", "'x' is not a session number")]
    public async Task SessionIcs_WithBadInput_GetsTheClearReply_AndNoFile(string command, string expected)
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        await chat.SayAsync(Ana, "/session schedule 2030-12-27 10:00", "Saved: session 1");

        await chat.SayAsync(Ben, command, expected);

        Assert.Empty(api.SentDocuments);
        Assert.DoesNotContain(api.Requests, r => r.Method == "senddocument");
    }

    [Fact]
    public async Task SessionIcs_InAForumTopic_SendsTheFileIntoThatTopic()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Forum, "Forum circle", isForum: true, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Forum, webhook: false, isForum: true);
        await chat.SayAsync(Ana, "/session schedule 2030-12-27 10:00", "Saved: session 1");

        var asked = chat.Text(Ben, "/session ics 1");
        asked.Message!.MessageThreadId = 77;
        asked.Message.IsTopicMessage = true;
        await chat.SendAsync(asked);

        var sent = await api.WaitForAsync(a => a.SentDocuments is [var d, ..] ? d : null);
        Assert.Equal((Forum, (int?)77, "session-1.ics"), (sent.ChatId, sent.MessageThreadId, sent.FileName));
    }

    [Fact]
    public async Task PostAsync_WithACalendar_MapsRefusalsAsText_AndRetriesThroughTheSender()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Forum, "Forum circle", isForum: true);
        api.AddPrivateChat(Ana);
        await using var bot = await RunningBot.StartAsync(api);
        var gateway = bot.Host.Services.GetRequiredService<ConversationGateways>().Find("telegram")!;
        var at = new DateTimeOffset(2030, 12, 27, 10, 0, 0, TimeSpan.Zero);
        var feed = new CalendarFeed("Circle", "UTC", [new CalendarEvent("session-5-3@convenerbot", 2, at, at.AddHours(1), "Circle · session 3", Cancelled: false)])
        {
            FileName = "session-3.ics",
        };
        var message = new OutboundMessage("Session 3 <as a file>") { Calendar = feed };
        var inForum = new ConversationPost(TelegramSender.Conversation(Forum), message);

        api.FailNext("sendDocument", 429, "Too Many Requests: retry after 1", retryAfter: 1);
        api.FailNext("sendDocument", 502, "Bad Gateway");
        var delivered = Assert.IsType<PostResult.Delivered>(await gateway.PostAsync(inForum with { Space = "40" }, CancellationToken.None));
        api.DeleteTopic(Forum, 41);
        var topicGone = await gateway.PostAsync(inForum with { Space = "41" }, CancellationToken.None);
        api.FailNext("sendDocument", 403, "Forbidden: bot was kicked from the supergroup chat");
        var kicked = await gateway.PostAsync(inForum, CancellationToken.None);
        api.FailNext("sendDocument", 403, "Forbidden: bot was blocked by the user");
        var blocked = await gateway.PostAsync(inForum with { PrivatelyTo = UpdateTranslator.Member(Ana) }, CancellationToken.None);
        var privately = await gateway.PostAsync(inForum with { PrivatelyTo = UpdateTranslator.Member(Ana) }, CancellationToken.None);

        var sent = Assert.Single(api.SentDocuments, d => d.ChatId == Forum);
        Assert.Equal([sent.MessageId.ToString(CultureInfo.InvariantCulture)], delivered.MessageIds);
        Assert.Equal(((int?)40, "Session 3 &lt;as a file&gt;", "session-3.ics"), (sent.MessageThreadId, sent.Caption, sent.FileName));
        Assert.Equal("session-5-3@convenerbot", Assert.Single(IcalCalendar.Load(Encoding.UTF8.GetString(sent.Content))!.Events).Uid);
        Assert.Equal(3, api.Requests.Count(r => r.Method == "senddocument" && r.Body["message_thread_id"]?.ToString() == "40"));
        Assert.IsType<PostResult.SpaceGone>(topicGone);
        Assert.IsType<PostResult.ConversationGone>(kicked);
        Assert.IsType<PostResult.PrivateUnreachable>(blocked);
        Assert.IsType<PostResult.Delivered>(privately);
        Assert.Equal((Ana.Id, (int?)null), (api.SentDocuments[^1].ChatId, api.SentDocuments[^1].MessageThreadId));
        Assert.Empty(api.SentMessages);
    }

    [Fact]
    public async Task PostAsync_WithACalendar_AndTextTooLongForACaption_SendsTheTextThenTheFile()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle");
        await using var bot = await RunningBot.StartAsync(api);
        var gateway = bot.Host.Services.GetRequiredService<ConversationGateways>().Find("telegram")!;
        var at = new DateTimeOffset(2030, 12, 27, 10, 0, 0, TimeSpan.Zero);
        var feed = new CalendarFeed("Circle", "UTC", [new CalendarEvent("session-5-3@convenerbot", 0, at, at.AddHours(1), "Circle · session 3", Cancelled: false)]);
        var text = string.Join('\n', Enumerable.Repeat(new string('x', 99), 11));

        var delivered = Assert.IsType<PostResult.Delivered>(await gateway.PostAsync(
            new ConversationPost(TelegramSender.Conversation(Group), new OutboundMessage(text) { Calendar = feed }), CancellationToken.None));

        Assert.Equal(2, delivered.MessageIds.Count);
        Assert.Equal(text, Assert.Single(api.SentMessages).Text);
        var document = Assert.Single(api.SentDocuments);
        Assert.Null(document.Caption);
        Assert.Equal("calendar.ics", document.FileName);
    }

    private static async Task<long> GroupIdAsync(RunningBot bot)
    {
        await using var tx = await bot.Store.BeginAsync(CancellationToken.None);
        return (await tx.Groups.FindAsync(TelegramSender.Conversation(Group), CancellationToken.None))!.Id;
    }
}
