using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Scheduling;
using ConvenerBot.Core.Series;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Storage.Tests.Support;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// <c>/session move</c> and <c>/series move</c>: reminders and start work follow the new time, answers stay, the
/// revision goes up, a series neither creates the moved occurrence again nor shifts its other sessions, and every
/// refusal changes nothing.
/// </summary>
public abstract class SessionMoveTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    private readonly TimedGateway _gateway = new(fixture.Time);

    [Fact]
    public async Task Move_WritesRemindersAndStartNoticeForTheNewTime_KeepsAnswers_AndRaisesTheRevision()
    {
        var (chat, at) = await ScheduledAsync(TimeSpan.FromDays(2));
        Assert.StartsWith("Noted: you are going to session 1", await chat.SayAsync("chloe", "/rsvp 1 going"), StringComparison.Ordinal);
        var work = Dispatcher();

        // The day-before reminder of the old time comes, to the group and privately to chloe.
        await RunUntilAsync(work, at - TimeSpan.FromHours(20));
        Assert.Single(_gateway.Reminders(chat));
        Assert.Single(_gateway.Private(chat));
        var revision = await ScalarAsync<long>("SELECT s.revision FROM sessions s JOIN groups g ON g.id = s.group_id WHERE g.external_id = @Id", chat);

        var to = at.AddDays(5).AddHours(3);
        var reply = await chat.SayAsync("ben", $"/session move 1 {When(to)}");

        Assert.Equal($"Moved: session 1 is now on {GroupClock.Format(to, "UTC")} (it was on {GroupClock.Format(at, "UTC")}). Answers stay; reminders follow the new time.", reply);
        Assert.Equal(revision + 1, await ScalarAsync<long>("SELECT s.revision FROM sessions s JOIN groups g ON g.id = s.group_id WHERE g.external_id = @Id", chat));
        Assert.Contains("Going (1): chloe", await chat.SayAsync("ana", "/session show 1"), StringComparison.Ordinal);
        var moved = _gateway.Count;

        // The old hour-before reminder and the old start notice say nothing; the new day-before and hour-before
        // reminders come once each (chloe is reminded privately again), and the start notice at the new time.
        await RunUntilAsync(work, to + TimeSpan.FromHours(1));
        var after = _gateway.Since(moved, chat);
        Assert.DoesNotContain(after, p => p.At < to - TimeSpan.FromDays(1));
        var reminders = after.Where(p => p.Post.PrivatelyTo is null && p.Post.Message.Text.StartsWith("Reminder: session 1", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.InRange(reminders[0].At, to - TimeSpan.FromDays(1), to - TimeSpan.FromDays(1) + Step);
        Assert.InRange(reminders[1].At, to - TimeSpan.FromHours(1), to - TimeSpan.FromHours(1) + Step);
        Assert.Contains(GroupClock.Format(to, "UTC"), reminders[0].Post.Message.Text, StringComparison.Ordinal);
        var privately = Assert.Single(after, p => p.Post.PrivatelyTo is not null);
        Assert.InRange(privately.At, to - TimeSpan.FromDays(1), to - TimeSpan.FromDays(1) + Step);
        var notice = Assert.Single(after, p => p.Post.Message.Text.StartsWith("Session 1 is due to start now", StringComparison.Ordinal));
        Assert.InRange(notice.At, to, to + Step);
    }

    [Fact]
    public async Task AutoStart_FollowsTheNewTime()
    {
        var (chat, at) = await ScheduledAsync(TimeSpan.FromDays(1), "/settings autostart on");
        var work = Dispatcher();
        var to = at.AddHours(6);

        Assert.StartsWith("Moved: session 1", await chat.SayAsync("ben", $"/session move 1 {When(to)}"), StringComparison.Ordinal);

        await RunUntilAsync(work, at + TimeSpan.FromHours(1));
        Assert.Equal("scheduled", await ScalarAsync<string>("SELECT s.status FROM sessions s JOIN groups g ON g.id = s.group_id WHERE g.external_id = @Id", chat));
        Assert.DoesNotContain(_gateway.Since(0, chat), p => p.Post.Conversation == chat.Conversation && p.Post.Message.Text.StartsWith("Session 1", StringComparison.Ordinal));

        await RunUntilAsync(work, to + Step);
        Assert.Equal("running", await ScalarAsync<string>("SELECT s.status FROM sessions s JOIN groups g ON g.id = s.group_id WHERE g.external_id = @Id", chat));
        var started = Assert.Single(_gateway.Since(0, chat), p => p.Post.Message.Text.StartsWith("Session 1 has started", StringComparison.Ordinal));
        Assert.InRange(started.At, to, to + Step);
    }

    [Fact]
    public async Task Refusals_SayWhy_AndChangeNothing()
    {
        var (chat, at) = await ScheduledAsync(TimeSpan.FromDays(3), zone: "Europe/Oslo");
        await chat.SayAsync("ben", $"/session schedule {When(at, Oslo)}");
        await chat.SayAsync("ben", "/session cancel 2");
        await chat.SayAsync("ben", $"/session schedule {When(at.AddDays(1), Oslo)} case 1");
        Assert.StartsWith("Session 3 has started", await chat.SayAsync("ben", "/session start 3 now"), StringComparison.Ordinal);
        await chat.SayAsync("ben", "/series add every Monday at 9:00");
        var later = When(at.AddDays(2), Oslo);
        var before = await fixture.DumpAsync();

        Assert.Contains("There is no session 9", await chat.SayAsync("ben", $"/session move 9 {later}"), StringComparison.Ordinal);
        Assert.StartsWith("Session 2 is cancelled; only a scheduled session can be moved.", await chat.SayAsync("ben", $"/session move 2 {later}"), StringComparison.Ordinal);
        Assert.StartsWith("Session 3 is running; only a scheduled session can be moved.", await chat.SayAsync("ben", $"/session move 3 {later}"), StringComparison.Ordinal);
        Assert.StartsWith("Only a facilitator or an organizer can move sessions", await chat.SayAsync("chloe", $"/session move 1 {later}"), StringComparison.Ordinal);
        Assert.Contains("'someday' is not a date and time I can read", await chat.SayAsync("ben", "/session move 1 someday"), StringComparison.Ordinal);
        Assert.Contains("2020-01-01 10:00 is in the past", await chat.SayAsync("ben", "/session move 1 2020-01-01 10:00"), StringComparison.Ordinal);
        Assert.Contains("is too far ahead", await chat.SayAsync("ben", "/session move 1 2040-01-01 10:00"), StringComparison.Ordinal);
        Assert.Equal(
            $"Session 1 is on {GroupClock.Format(at, "Europe/Oslo")} already. Say another time to move it to.",
            await chat.SayAsync("ben", $"/session move 1 {When(at, Oslo)}"));
        Assert.Equal(
            "2027-03-28 02:30 does not exist in Europe/Oslo: the clocks jump forward then. Did you mean 2027-03-28 01:59 or 2027-03-28 03:00?",
            await chat.SayAsync("ben", "/session move 1 2027-03-28 02:30"));
        Assert.Contains("2027-10-31 02:30", await chat.SayAsync("ben", "/session move 1 2027-10-31 02:30"), StringComparison.Ordinal);
        Assert.Contains("Say when the session is", await chat.SayAsync("ben", "/session move 1"), StringComparison.Ordinal);

        Assert.Contains("There is no series 9", await chat.SayAsync("ben", $"/series move 9 2030-01-07 {later}"), StringComparison.Ordinal);
        Assert.StartsWith(
            "Series 1 has no scheduled session on 2030-01-03. /session list shows the scheduled sessions",
            await chat.SayAsync("ben", $"/series move 1 2030-01-03 {later}"));
        Assert.Contains("is not a day I can read", await chat.SayAsync("ben", $"/series move 1 someday {later}"), StringComparison.Ordinal);
        Assert.StartsWith("Only a facilitator or an organizer can move sessions", await chat.SayAsync("chloe", $"/series move 1 2030-01-03 {later}"), StringComparison.Ordinal);

        Assert.Equal(before, await fixture.DumpAsync());
    }

    [Fact]
    public async Task SeriesMove_KeepsTheOccurrenceTaken_AndTheSeriesNextSessionsAsTheyWere()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("ana", "/series add every Monday at 9:00");
        var sessions = await SeriesSessionsAsync(chat);
        var (first, second) = (sessions[0].SeriesAt, sessions[1].SeriesAt);
        var day = Instant.FromDateTimeOffset(second).InZone(Oslo).Date;
        var to = day.PlusDays(1).At(new LocalTime(18, 0)).InZoneStrictly(Oslo).ToDateTimeOffset().ToUniversalTime();
        var revision = await RevisionAsync(sessions[1].Id);

        var reply = await chat.SayAsync("ana", $"/series move 1 {Day(day)} {When(to, Oslo)}");

        Assert.Equal(
            $"Moved: session 2 of series 1 is now on {GroupClock.Format(to, "Europe/Oslo")} (it was on {GroupClock.Format(second, "Europe/Oslo")}). The series' other sessions stay as they are.",
            reply);
        Assert.Equal(revision + 1, await RevisionAsync(sessions[1].Id));
        sessions = await SeriesSessionsAsync(chat);
        Assert.Equal([first, second], sessions.Select(s => s.SeriesAt));
        Assert.Equal([first, to], sessions.Select(s => s.ScheduledAt));
        await using (var transaction = await fixture.Store.BeginAsync(None))
        {
            var series = await transaction.Series.FindAsync(sessions[0].GroupId, 1, forUpdate: true, None);
            var (created, _) = await SeriesAhead.FillAsync(transaction, new SeriesOccurrences(), series!, fixture.Time.GetUtcNow(), null, None);
            Assert.Empty(created);
        }

        // /session move moves a series' session too, and the series goes on at its own times as they pass.
        Assert.StartsWith("Moved: session 1 is now on", await chat.SayAsync("ana", $"/session move 1 {When(first.AddHours(2), Oslo)}"), StringComparison.Ordinal);
        var work = new DueWorkDispatcher(fixture.Store, [new SeriesAhead(fixture.Store, new SeriesOccurrences())], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
        while (fixture.Time.GetUtcNow() < to.AddHours(1))
        {
            fixture.Time.Advance(TimeSpan.FromHours(6));
            await work.RunDueAsync(None);
        }

        sessions = await SeriesSessionsAsync(chat);
        var mondays = Enumerable.Range(0, 4).Select(w => Instant.FromDateTimeOffset(first).InZone(Oslo).LocalDateTime.PlusWeeks(w).InZoneLeniently(Oslo).ToDateTimeOffset()).ToList();
        Assert.Equal(mondays, sessions.Select(s => s.SeriesAt));
        Assert.Equal([first.AddHours(2), to, mondays[2], mondays[3]], sessions.Select(s => s.ScheduledAt));
    }

    private static readonly TimeSpan Step = TimeSpan.FromMinutes(30);

    private static string When(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string When(DateTimeOffset instant, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Day(LocalDate day) => day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A group (ana organizes and holds case 1, ben facilitates, chloe is a member) with session 1 scheduled by ben
    /// that far ahead, on the minute; returns it and the session's time.
    /// </summary>
    private async Task<(Chat Chat, DateTimeOffset At)> ScheduledAsync(TimeSpan ahead, string? settings = null, string zone = "UTC")
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", $"/timezone {zone}");
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ben", "/me");
        await chat.SayAsync("chloe", "/me");
        await chat.SayAsync("ana", "/role facilitator ben");
        if (settings is not null)
        {
            Assert.StartsWith("Saved.", await chat.SayAsync("ana", settings), StringComparison.Ordinal);
        }

        var at = fixture.Time.GetUtcNow() + ahead;
        at = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
        var local = GroupClock.FindZone(zone)!;
        Assert.StartsWith("Saved: session 1", await chat.SayAsync("ben", $"/session schedule {When(at, local)} case 1"), StringComparison.Ordinal);
        return (chat, at);
    }

    /// <summary>Reminders and start work, posting through the timed gateway.</summary>
    private DueWorkDispatcher Dispatcher()
    {
        var gateways = new ConversationGateways([_gateway]);
        var notices = new GroupNotices(fixture.Store, gateways, fixture.Time);
        return new DueWorkDispatcher(
            fixture.Store,
            [
                new SessionReminders(fixture.Store, notices),
                new SessionStarts(fixture.Store, fixture.Protocols, notices),
                new Outbox(fixture.Store, gateways, notices, NullLogger<Outbox>.Instance),
            ],
            fixture.Time,
            NullLogger<DueWorkDispatcher>.Instance);
    }

    /// <summary>Moves the clock forward in steps of <see cref="Step"/> to <paramref name="until"/>, running due work at each.</summary>
    private async Task RunUntilAsync(DueWorkDispatcher work, DateTimeOffset until)
    {
        while (fixture.Time.GetUtcNow() < until)
        {
            fixture.Time.Advance(Step);
            await work.RunDueAsync(None);
        }
    }

    private async Task<T?> ScalarAsync<T>(string sql, Chat chat)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<T>(sql, new { chat.Conversation.Id });
    }

    private async Task<long> RevisionAsync(long sessionId)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT revision FROM sessions WHERE id = @Id", new { Id = sessionId });
    }

    private async Task<List<SeriesSession>> SeriesSessionsAsync(Chat chat)
    {
        var group = await fixture.StoredGroupAsync(chat);
        await using var connection = await fixture.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(long Id, string SeriesAt, string ScheduledAt)>(
            "SELECT id, CAST(series_at AS text), CAST(scheduled_at AS text) FROM sessions WHERE group_id = @Id AND series_id IS NOT NULL ORDER BY series_at",
            new { group.Id });
        return [.. rows.Select(r => new SeriesSession(r.Id, group.Id, Parse(r.SeriesAt), Parse(r.ScheduledAt)))];
    }

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime();

    private sealed record SeriesSession(long Id, long GroupId, DateTimeOffset SeriesAt, DateTimeOffset ScheduledAt);

    /// <summary>The adapter boundary for the "test" platform: records what would be posted, and when.</summary>
    private sealed class TimedGateway(TimeProvider clock) : IConversationGateway
    {
        private readonly RecordingGateway _inner = new();
        private readonly List<(DateTimeOffset At, ConversationPost Post)> _posts = [];

        public string Platform => _inner.Platform;

        public int Count => _posts.Count;

        public async Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
        {
            _posts.Add((clock.GetUtcNow(), post));
            return await _inner.PostAsync(post, cancellationToken);
        }

        /// <summary>What was posted in the chat's group (also privately on its behalf) from the <paramref name="index"/>th post on.</summary>
        public IReadOnlyList<(DateTimeOffset At, ConversationPost Post)> Since(int index, Chat chat) =>
            [.. _posts.Skip(index).Where(p => p.Post.Conversation == chat.Conversation)];

        public IReadOnlyList<ConversationPost> Reminders(Chat chat) =>
            [.. _posts.Select(p => p.Post).Where(p => p.Conversation == chat.Conversation && p.PrivatelyTo is null && p.Message.Text.StartsWith("Reminder:", StringComparison.Ordinal))];

        public IReadOnlyList<ConversationPost> Private(Chat chat) =>
            [.. _posts.Select(p => p.Post).Where(p => p.Conversation == chat.Conversation && p.PrivatelyTo is not null)];
    }
}

public sealed class SqliteSessionMoveTests(SqliteStoreFixture fixture) : SessionMoveTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresSessionMoveTests(PostgresStoreFixture fixture) : SessionMoveTests(fixture), IClassFixture<PostgresStoreFixture>;
