using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Storage.Tests.Support;
using Dapper;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// A session at its time: a start notice with a Start button, or an auto-start in the session's space; missed
/// after the group's grace period, told once; settings refused when they do not fit; nothing due once cancelled.
/// </summary>
public abstract class SessionStartTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly RecordingGateway _gateway = new();

    [Fact]
    public async Task Notice_AtItsTime_OffersStart_ToTheFacilitatorOnly_AndPressingItStartsTheSession()
    {
        var (chat, at) = await ScheduledAsync();
        var work = fixture.SessionWork(_gateway);
        JumpBefore(at);

        await RunUntilAsync(work, at - TimeSpan.FromMinutes(1));
        Assert.Empty(_gateway.PostsTo(chat));
        await RunUntilAsync(work, at);

        var notice = Assert.Single(_gateway.PostsTo(chat)).Message;
        Assert.StartsWith("Session 1 is due to start now — case 1, Funding gap.", notice.Text, StringComparison.Ordinal);
        Assert.Equal([StageAction.Start], notice.Actions);
        Assert.Equal(new StageRef(1, 1), notice.Stage);

        var before = await fixture.DumpAsync();
        var member = await chat.PressAsync("chloe", StageAction.Start, 1, 1);
        Assert.True(member.Refused);
        Assert.Contains("Only a facilitator or an organizer can start sessions", member.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.DumpAsync());

        var started = await chat.PressAsync("ben", StageAction.Start, 1, 1);
        Assert.False(started.Refused);
        Assert.StartsWith("Session 1 has started", started.Messages[0].Text, StringComparison.Ordinal);
        Assert.NotNull(started.Messages[0].OpensSpace);
        Assert.Equal(1, started.Messages[0].SpaceSession);
        Assert.Equal(new StageRef(1, 1), started.Messages[1].Stage);

        var again = await chat.PressAsync("ben", StageAction.Start, 1, 1);
        Assert.True(again.Refused);
        Assert.True(again.StaleStage);
        Assert.Contains("Session 1 is already running", again.Messages[0].Text, StringComparison.Ordinal);

        // Starting removed the missed check: nothing more is said about the start.
        await RunUntilAsync(work, at + TimeSpan.FromMinutes(10));
        Assert.DoesNotContain(_gateway.PostsTo(chat), p => p.Message.Text.Contains("missed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AutoStart_StartsAtItsTime_InTheSessionsSpace_AndRepliesToItsPromptCount()
    {
        var (chat, at) = await ScheduledAsync(settings: "/settings autostart on");
        var work = fixture.SessionWork(_gateway);
        JumpBefore(at);

        await RunUntilAsync(work, at);

        var posts = _gateway.PostsTo(chat);
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("Session 1 has started", posts[0].Message.Text, StringComparison.Ordinal);
        Assert.NotNull(posts[0].Message.OpensSpace);
        Assert.Null(posts[0].Space);
        var space = posts[1].Space;
        Assert.NotNull(space);
        Assert.Equal(new StageRef(1, 1), posts[1].Message.Stage);
        Assert.Equal(space, await ScalarAsync<string>("SELECT s.space FROM sessions s JOIN groups g ON g.id = s.group_id WHERE g.external_id = @Id", chat));
        // Started in the scheduler's name; only the holder counts as present until others take part.
        Assert.Equal("ben", await ScalarAsync<string>(
            "SELECT m.external_id FROM sessions s JOIN groups g ON g.id = s.group_id JOIN members m ON m.id = s.facilitator_id WHERE g.external_id = @Id", chat));
        Assert.Equal(["ana"], await ListAsync(
            "SELECT m.external_id FROM attendance a JOIN members m ON m.id = a.member_id JOIN groups g ON g.id = m.group_id WHERE g.external_id = @Id", chat));

        // A reply to the prompt is taken as one (this stage collects nothing, and says so), not left alone.
        var reply = await chat.ReplyAsync("dan", await PromptIdAsync(chat), "What have you tried so far?");
        Assert.False(reply.Ignored);
        Assert.StartsWith("This stage (Bring a real challenge)", reply.Messages[0].Text, StringComparison.Ordinal);

        // The stage's time being up is told in the session's space, with Next and Extend.
        await RunUntilAsync(work, at + TimeSpan.FromMinutes(fixture.Protocols.Get("peer-to-peer").Stages[0].Minutes + 1));
        var up = _gateway.PostsTo(chat)[^1];
        Assert.Equal(space, up.Space);
        Assert.StartsWith("Time is up for stage 1 of session 1", up.Message.Text, StringComparison.Ordinal);
        Assert.Equal([StageAction.Next, StageAction.Extend], up.Message.Actions);
    }

    [Fact]
    public async Task SpaceGone_IsForgotten_AndTheNoticeGoesToTheChat()
    {
        var (chat, at) = await ScheduledAsync(settings: "/settings autostart on");
        var work = fixture.SessionWork(_gateway);
        JumpBefore(at);
        await RunUntilAsync(work, at);
        var space = _gateway.PostsTo(chat)[1].Space!;
        _gateway.Gone.Add(space);

        await RunUntilAsync(work, at + TimeSpan.FromMinutes(fixture.Protocols.Get("peer-to-peer").Stages[0].Minutes + 1));

        var up = _gateway.PostsTo(chat)[^1];
        Assert.Null(up.Space);
        Assert.StartsWith("Time is up for stage 1", up.Message.Text, StringComparison.Ordinal);
        Assert.Null(await ScalarAsync<string>("SELECT s.space FROM sessions s JOIN groups g ON g.id = s.group_id WHERE g.external_id = @Id", chat));
    }

    [Fact]
    public async Task NobodyStartsIt_ItIsMissedAfterTheGracePeriod_ToldOnce_AndListedApart()
    {
        var (chat, at) = await ScheduledAsync(settings: "/settings grace 30");
        var work = fixture.SessionWork(_gateway);
        JumpBefore(at);

        await RunUntilAsync(work, at + TimeSpan.FromMinutes(29));
        Assert.Single(_gateway.PostsTo(chat));
        Assert.Contains("Upcoming sessions:\n1.", await chat.SayAsync("ana", "/session list"), StringComparison.Ordinal);
        await RunUntilAsync(work, at + TimeSpan.FromHours(6));

        var posts = _gateway.PostsTo(chat);
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("Session 1, planned for", posts[1].Message.Text, StringComparison.Ordinal);
        Assert.Contains("was not started within 30 minutes and is marked missed", posts[1].Message.Text, StringComparison.Ordinal);
        Assert.StartsWith("No sessions are coming up.\nMissed (nobody started them in time):\n1. ", await chat.SayAsync("ana", "/session list"), StringComparison.Ordinal);
        Assert.Equal("open", await ScalarAsync<string>("SELECT c.status FROM cases c JOIN groups g ON g.id = c.group_id WHERE g.external_id = @Id", chat));
        Assert.Contains("No session is scheduled", await chat.SayAsync("ben", "/session start"), StringComparison.Ordinal);
        Assert.Contains("was planned for", await chat.SayAsync("ben", "/session start 1"), StringComparison.Ordinal);
        Assert.StartsWith("Session 1 has started", await chat.SayAsync("ben", "/session start 1 now"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoStartAfterDowntimePastTheGrace_StartsNothing_AndTellsItWasMissed()
    {
        var (chat, at) = await ScheduledAsync(settings: "/settings autostart on");
        var work = fixture.SessionWork(_gateway);

        fixture.Time.Advance(at + TimeSpan.FromHours(3) - fixture.Time.GetUtcNow());
        await work.RunDueAsync(None);

        var told = Assert.Single(_gateway.PostsTo(chat));
        Assert.Contains("was not started within 120 minutes and is marked missed", told.Message.Text, StringComparison.Ordinal);
        Assert.Equal("missed", await ScalarAsync<string>("SELECT s.status FROM sessions s JOIN groups g ON g.id = s.group_id WHERE g.external_id = @Id", chat));
    }

    [Fact]
    public async Task DowntimeOfDays_MarksTheSessionMissed_WithoutTellingAboutADayLongGone()
    {
        var (chat, at) = await ScheduledAsync();

        fixture.Time.Advance(at + TimeSpan.FromDays(3) - fixture.Time.GetUtcNow());
        await fixture.SessionWork(_gateway).RunDueAsync(None);

        Assert.Equal("missed", await ScalarAsync<string>("SELECT s.status FROM sessions s JOIN groups g ON g.id = s.group_id WHERE g.external_id = @Id", chat));
        Assert.Empty(_gateway.PostsTo(chat));
    }

    [Fact]
    public async Task Cancelling_RemovesWhatIsDue()
    {
        var (chat, at) = await ScheduledAsync();
        Assert.Equal(2L, await ScalarAsync<long>(
            "SELECT count(*) FROM due_work w JOIN groups g ON g.id = w.group_id WHERE g.external_id = @Id AND w.kind = 'session-start'", chat));

        await chat.SayAsync("ben", "/session cancel 1");
        JumpBefore(at);
        await RunUntilAsync(fixture.SessionWork(_gateway), at + TimeSpan.FromHours(3));

        Assert.Empty(_gateway.PostsTo(chat));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM due_work w JOIN groups g ON g.id = w.group_id WHERE g.external_id = @Id", chat));
    }

    [Fact]
    public async Task Settings_AreShownToAll_ChangedByOrganizers_AndBadValuesChangeNothing()
    {
        var (chat, _) = await ScheduledAsync();
        Assert.StartsWith("Settings of this group: auto-start off", await chat.SayAsync("chloe", "/settings"), StringComparison.Ordinal);
        var before = await fixture.DumpAsync();
        var cases = new (string Who, string Text, string Expected)[]
        {
            ("chloe", "/settings autostart on", "Only an organizer can change the group's settings"),
            ("ben", "/settings grace 60", "Only an organizer can change the group's settings"),
            ("ana", "/settings grace 5", "A grace period of 5 minutes is not possible; give 15 to 720 minutes."),
            ("ana", "/settings grace 721", "A grace period of 721 minutes is not possible"),
            ("ana", "/settings grace soon", "'soon' is not a number of minutes; give 15 to 720."),
            ("ana", "/settings grace", "Say how many minutes, from 15 to 720."),
            ("ana", "/settings autostart maybe", "'maybe' is not on or off. Usage: /settings autostart on|off"),
            ("ana", "/settings autoadvance", "Say on or off. Usage: /settings autoadvance on|off"),
            ("ana", "/settings colour blue", "'colour' is not a setting"),
        };
        foreach (var (who, text, expected) in cases)
        {
            var reply = await chat.SendAsync(who, text);
            Assert.True(reply.Refused, text);
            Assert.Contains(expected, reply.Messages[0].Text, StringComparison.Ordinal);
        }

        Assert.Equal(before, await fixture.DumpAsync());
        Assert.Contains("grace period 45 minutes", await chat.SayAsync("ana", "/settings grace 45"), StringComparison.Ordinal);
        Assert.Contains("auto-advance on", await chat.SayAsync("ana", "/settings autoadvance ON"), StringComparison.Ordinal);
        Assert.Contains("auto-start off; grace period 45 minutes", await chat.SayAsync("dan", "/settings"), StringComparison.Ordinal);
    }

    /// <summary>
    /// A group (the terminal chat's kind: ana organizes and holds case 1, ben facilitates, chloe and dan are
    /// members) with session 1 scheduled two days ahead on the minute; returns it and the session's time.
    /// </summary>
    private async Task<(Chat Chat, DateTimeOffset At)> ScheduledAsync(string? settings = null)
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone UTC");
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ben", "/me");
        await chat.SayAsync("chloe", "/me");
        await chat.SayAsync("dan", "/me");
        await chat.SayAsync("ana", "/role facilitator ben");
        if (settings is not null)
        {
            Assert.StartsWith("Saved.", await chat.SayAsync("ana", settings), StringComparison.Ordinal);
        }

        var at = fixture.Time.GetUtcNow().AddDays(2);
        at = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
        Assert.StartsWith("Saved: session 1", await chat.SayAsync("ben", $"/session schedule {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} case 1"), StringComparison.Ordinal);
        return (chat, at);
    }

    /// <summary>Moves the clock to shortly before a session's time; nothing of the session's is due before it.</summary>
    private void JumpBefore(DateTimeOffset at)
    {
        if (fixture.Time.GetUtcNow() < at - TimeSpan.FromMinutes(2))
        {
            fixture.Time.Advance(at - TimeSpan.FromMinutes(2) - fixture.Time.GetUtcNow());
        }
    }

    private async Task<string> PromptIdAsync(Chat chat) =>
        (await ScalarAsync<string>(
            "SELECT p.message_id FROM stage_prompts p JOIN groups g ON g.id = p.group_id WHERE g.external_id = @Id", chat))!;

    private async Task<T?> ScalarAsync<T>(string sql, Chat chat)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<T>(sql, new { chat.Conversation.Id });
    }

    private async Task<IReadOnlyList<string>> ListAsync(string sql, Chat chat)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        return [.. await connection.QueryAsync<string>(sql, new { chat.Conversation.Id })];
    }

    /// <summary>Moves the clock forward a minute at a time to <paramref name="until"/>, running due work at each.</summary>
    private async Task RunUntilAsync(DueWorkDispatcher work, DateTimeOffset until)
    {
        while (fixture.Time.GetUtcNow() < until)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
            await work.RunDueAsync(None);
        }
    }
}

public sealed class SqliteSessionStartTests(SqliteStoreFixture fixture) : SessionStartTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresSessionStartTests(PostgresStoreFixture fixture) : SessionStartTests(fixture), IClassFixture<PostgresStoreFixture>;
