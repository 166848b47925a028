using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Storage.Tests.Support;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// A group's reminder times: shown to anyone, set by organizers, every bad input refused with nothing
/// changed; setting them rewrites the pending reminders of scheduled sessions, and lateness follows them.
/// </summary>
public abstract class ReminderSettingsTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly List<ConversationPost> _posts = [];

    [Fact]
    public async Task Reminders_ShowTheDefaults_AndOnlyOrganizersSetThem()
    {
        var chat = fixture.NewChat(ConversationKind.Group);

        var shown = await chat.SayAsync("ben", "/reminders");
        var refused = await chat.SendAsync("ben", "/reminders set 2d");

        Assert.StartsWith("Reminders in this group come 7 days, 1 day and 1 hour before each session (/reminders set 7d 1d 1h).", shown, StringComparison.Ordinal);
        Assert.Contains("the reminder 1 day before also comes to you privately", shown, StringComparison.Ordinal);
        Assert.True(refused.Refused);
        Assert.StartsWith("Only an organizer can change the group's reminder times", refused.Messages[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Saved: reminders now come 2 days and 90 minutes before each session (2d 90m)", await chat.SayAsync("ana", "/reminders set 90m 2d", admin: true), StringComparison.Ordinal);
        Assert.StartsWith("Reminders in this group come 2 days and 90 minutes before", await chat.SayAsync("ben", "/reminders show"), StringComparison.Ordinal);
        Assert.StartsWith("Saved: this group gets no reminders now", await chat.SayAsync("ana", "/reminders set NONE", admin: true), StringComparison.Ordinal);
        Assert.StartsWith("This group has no reminders.", await chat.SayAsync("ben", "/reminders"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBadSetting_SaysWhy_AndChangesNothing()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/reminders set 3d 1h");
        await chat.SayAsync("ana", $"/session schedule {When(fixture.Time.GetUtcNow().AddDays(10))}");
        var cases = new (string Text, string Expected)[]
        {
            ("/reminders set -1d", "'-1d' is negative"),
            ("/reminders set 0h", "'0h' is no time at all"),
            ("/reminders set 000m", "'000m' is no time at all"),
            ("/reminders set 61d", "'61d' is too far ahead; reminders come at most 60 days before a session."),
            ("/reminders set 1441h", "'1441h' is too far ahead"),
            ("/reminders set 99999999999d", "is too far ahead"),
            ("/reminders set 1d 24h", "'1d' and '24h' are the same time"),
            ("/reminders set 2h 120m", "'2h' and '120m' are the same time"),
            ("/reminders set 1d 2d 3d 4d 5d 6d", "That is 6 reminders; give at most 5."),
            ("/reminders set soon", "'soon' is not a time I can read"),
            ("/reminders set 1.5h", "'1.5h' is not a time I can read"),
            ("/reminders set 1d none", "'none' stands alone"),
            ("/reminders set", "Say when reminders come, e.g. 7d 1d 1h, or none."),
            ("/reminders soon", "'/reminders soon' is not a reminders command."),
            ("/reminders private maybe", "'maybe' is neither on nor off."),
        };

        foreach (var (text, expected) in cases)
        {
            var before = await fixture.DumpAsync();

            var reply = await chat.SendAsync("ana", text);

            Assert.True(reply.Refused, $"'{text}' was not refused");
            Assert.Contains(expected, reply.Messages[0].Text, StringComparison.Ordinal);
            Assert.True(before == await fixture.DumpAsync(), $"'{text}' changed the store");
        }
    }

    [Fact]
    public async Task SettingTimes_RewritesThePendingRemindersOfScheduledSessions_InTheSameTransaction()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ana", $"/session schedule {When(fixture.Time.GetUtcNow().AddDays(10))}");
        await chat.SayAsync("ana", $"/session schedule {When(fixture.Time.GetUtcNow().AddHours(30))}");
        await chat.SayAsync("ana", $"/session schedule {When(fixture.Time.GetUtcNow().AddDays(3))} case 1");
        await chat.SayAsync("ana", "/session start 3 now");
        Assert.Equal(["1:10080", "1:1440", "1:60", "2:1440", "2:60"], await PendingAsync(chat));

        await chat.SayAsync("ana", "/reminders set 2d 3h 5m");
        Assert.Equal(["1:2880", "1:180", "1:5", "2:180", "2:5"], await PendingAsync(chat));

        // A session scheduled now follows the group's times too.
        await chat.SayAsync("ana", $"/session schedule {When(fixture.Time.GetUtcNow().AddDays(4))}");
        Assert.Equal(["1:2880", "1:180", "1:5", "2:180", "2:5", "4:2880", "4:180", "4:5"], await PendingAsync(chat));

        await chat.SayAsync("ana", "/reminders set none");
        Assert.Empty(await PendingAsync(chat));
    }

    [Fact]
    public async Task Lateness_FollowsTheGroupsTimes_OnlyTheLatestDueIsPosted_AndNoneOnceStartedOrCancelled()
    {
        var chat = fixture.NewChat();
        var dispatcher = Dispatcher();
        await chat.SayAsync("ana", "/timezone UTC");
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ana", "/reminders set 3d 2h 30m");
        var at = Minute(fixture.Time.GetUtcNow().AddDays(5));
        await chat.SayAsync("ana", $"/session schedule {When(at)} case 1");
        await chat.SayAsync("ana", $"/session schedule {When(at.AddHours(1))}");
        await chat.SayAsync("ana", $"/session schedule {When(at.AddHours(2))} case 1");

        // Down until an hour before session 1: the 3-day and 2-hour reminders of sessions 1 and 2 are all due, and only
        // each one's 2-hour reminder is posted; session 3's 2-hour reminder is not due yet, so its 3-day one comes.
        fixture.Time.Advance(at.AddHours(-1) - fixture.Time.GetUtcNow());
        await dispatcher.RunDueAsync(None);
        Assert.Equal(["3", "1", "2"], Numbers(chat));
        Assert.All(_posts.Where(p => p.Conversation == chat.Conversation), p => Assert.DoesNotContain("who will bring one", p.Message.Text, StringComparison.Ordinal));

        await chat.SayAsync("ana", "/session cancel 2");
        await chat.SayAsync("ana", "/session start 3 now");
        while (fixture.Time.GetUtcNow() < at.AddHours(3))
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(10));
            await dispatcher.RunDueAsync(None);
        }

        // Session 1's 30-minute reminder comes; cancelled session 2 and started session 3 stay quiet.
        Assert.Equal(["3", "1", "2", "1"], Numbers(chat));
    }

    [Fact]
    public async Task Reminders_SayWhoIsComing_CarryTheButtons_AndTheEarliestAsksForACase()
    {
        var chat = fixture.NewChat();
        var dispatcher = Dispatcher();
        await chat.SayAsync("ana", "/timezone UTC");
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ben", "/case open Hiring our first employee, and how to pay them over the first year");
        await chat.SayAsync("ana", "/reminders set 1d 1h");
        var at = Minute(fixture.Time.GetUtcNow().AddDays(2));
        await chat.SayAsync("ana", $"/session schedule {When(at)}");
        await chat.SayAsync("ana", "/rsvp 1 going");
        await chat.SayAsync("ben", "/rsvp 1 maybe");
        await chat.SayAsync("chloe", "/rsvp 1 case Moving offices");

        fixture.Time.Advance(at.AddDays(-1) - fixture.Time.GetUtcNow());
        await dispatcher.RunDueAsync(None);
        fixture.Time.Advance(TimeSpan.FromHours(23));
        await dispatcher.RunDueAsync(None);

        var posted = _posts.Where(p => p.Conversation == chat.Conversation && p.PrivatelyTo is null).Select(p => p.Message).ToList();
        Assert.Equal(2, posted.Count);
        Assert.All(posted, m => Assert.Equal(1, m.RsvpFor));
        var first = posted[0].Text.Split('\n');
        Assert.StartsWith("Reminder: session 1 is on ", first[0], StringComparison.Ordinal);
        Assert.Equal("Coming so far: 2 going, 1 maybe.", first[1]);
        Assert.Equal("Offered so far: Moving offices (chloe).", first[2]);
        Assert.Equal("Session 1 has no case yet: who will bring one? Press Bring a case, or write /rsvp 1 case TITLE.", first[3]);
        Assert.Equal("Open cases: 1. Funding gap; 2. Hiring our first employee, and how to pa….", first[4]);
        Assert.Equal("Are you coming? Answer with the buttons, or /rsvp 1 going, maybe or no.", first[5]);
        // The hour-before reminder is neither the earliest nor two days ahead: it does not ask for a case.
        Assert.Equal(["Coming so far: 2 going, 1 maybe.", "Are you coming? Answer with the buttons, or /rsvp 1 going, maybe or no."], posted[1].Text.Split('\n')[1..]);
    }

    private DueWorkDispatcher Dispatcher() => new(
        fixture.Store, [new SessionReminders(fixture.Store, new GroupNotices(fixture.Store, new ConversationGateways([new Recorder(_posts)]), fixture.Time))], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);

    private IReadOnlyList<string> Numbers(Chat chat) =>
        [.. _posts.Where(p => p.Conversation == chat.Conversation && p.PrivatelyTo is null).Select(p => p.Message.Text.Split(' ')[2])];

    /// <summary>The group's pending reminders as session number and minutes before.</summary>
    private async Task<List<string>> PendingAsync(Chat chat)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(long Number, string Payload)>(
            """
            SELECT s.number, w.payload
            FROM due_work w JOIN sessions s ON s.id = w.subject_id JOIN groups g ON g.id = s.group_id
            WHERE w.kind = @Kind AND g.external_id = @Id
            ORDER BY s.number, w.due_at
            """, new { Kind = SessionReminders.WorkKind, Id = chat.Conversation.Id });
        return [.. rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Number}:{r.Payload}"))];
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    private static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private sealed class Recorder(List<ConversationPost> posts) : IConversationGateway
    {
        public string Platform => "test";

        public Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
        {
            posts.Add(post);
            return Task.FromResult<PostResult>(new PostResult.Delivered([posts.Count.ToString(CultureInfo.InvariantCulture)], null));
        }
    }
}

public sealed class SqliteReminderSettingsTests(SqliteStoreFixture fixture) : ReminderSettingsTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresReminderSettingsTests(PostgresStoreFixture fixture) : ReminderSettingsTests(fixture), IClassFixture<PostgresStoreFixture>;
