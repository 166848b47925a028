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
/// Series: added with their first two sessions (ordinary scheduled sessions with reminders and start notices) in
/// the command's transaction, topped up by due work as sessions start; bad rules refused with nothing stored.
/// </summary>
public abstract class SeriesTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    [Fact]
    public async Task Add_CreatesTheNextTwoSessions_WithTheirRemindersAndStartNotices()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("ana", "/case open Funding gap");

        var reply = await chat.SayAsync("ana", "/series add last Saturday of every month at 10:00 case 1");

        Assert.StartsWith("Saved: series 1, last Saturday of every month at 10:00, following ", reply, StringComparison.Ordinal);
        var sessions = await SessionsAsync(chat);
        Assert.Equal(2, sessions.Count);
        AssertLastSaturdaysInARow(sessions.Select(s => s.SeriesAt));
        Assert.Contains($"session 1 on {GroupClock.Format(sessions[0].SeriesAt, "Europe/Oslo")} and session 2 on ", reply, StringComparison.Ordinal);
        Assert.Equal([1L, null], sessions.Select(s => s.CaseId == null ? (long?)null : 1L));
        var list = await chat.SayAsync("ana", "/session list");
        Assert.Contains("Funding gap", list, StringComparison.Ordinal);
        await using var connection = await fixture.OpenConnectionAsync();
        foreach (var session in sessions)
        {
            var kinds = await connection.QueryAsync<string>("SELECT kind FROM due_work WHERE subject_id = @Id AND kind <> @Series", new { session.Id, Series = SeriesAhead.WorkKind });
            Assert.Contains("session-reminder", kinds);
            Assert.Contains("session-start", kinds);
            Assert.Contains(SessionMirror.WorkKind, kinds);
        }

        var ahead = Assert.Single(await connection.QueryAsync<string>(
            "SELECT kind FROM due_work WHERE kind = @Series AND group_id = (SELECT group_id FROM sessions WHERE id = @Id)",
            new { Series = SeriesAhead.WorkKind, sessions[0].Id }));
        Assert.Equal(SeriesAhead.WorkKind, ahead);
        Assert.Contains("1. last Saturday of every month at 10:00 (active); next on ", await chat.SayAsync("bob", "/series list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DueWork_CreatesTheNextSessionAsEachStarts_AndARepeatCreatesNothingMore()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("ana", "/series add last Saturday of every month at 10:00");
        var dispatcher = new DueWorkDispatcher(fixture.Store, [new SeriesAhead(fixture.Store, new SeriesOccurrences())], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
        var first = (await SessionsAsync(chat))[0].SeriesAt;

        await RunUntilAsync(dispatcher, first.AddHours(1));

        var sessions = await SessionsAsync(chat);
        Assert.Equal(3, sessions.Count);
        AssertLastSaturdaysInARow(sessions.Select(s => s.SeriesAt));
        Assert.Equal(2, sessions.Count(s => s.SeriesAt > fixture.Time.GetUtcNow()));

        // The same work done again (a crash before its row was removed) finds both sessions ahead and creates none.
        await using (var transaction = await fixture.Store.BeginAsync(None))
        {
            var series = await transaction.Series.FindAsync(sessions[0].GroupId, 1, forUpdate: true, None);
            var (created, _) = await SeriesAhead.FillAsync(transaction, new SeriesOccurrences(), series!, fixture.Time.GetUtcNow(), null, None);
            Assert.Empty(created);
        }

        await RunUntilAsync(dispatcher, sessions[1].SeriesAt.AddHours(1));
        sessions = await SessionsAsync(chat);
        Assert.Equal(4, sessions.Count);
        AssertLastSaturdaysInARow(sessions.Select(s => s.SeriesAt));
    }

    [Fact]
    public async Task ASeriesWithACount_CreatesThatManySessions_AndThenStops()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Asia/Seoul");
        await chat.SayAsync("ana", "/series add every Monday at 9:00, 3 times");
        var dispatcher = new DueWorkDispatcher(fixture.Store, [new SeriesAhead(fixture.Store, new SeriesOccurrences())], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
        var first = (await SessionsAsync(chat))[0].SeriesAt;

        await RunUntilAsync(dispatcher, first.AddDays(22));

        var sessions = await SessionsAsync(chat);
        Assert.Equal([first, first.AddDays(7), first.AddDays(14)], sessions.Select(s => s.SeriesAt));
        Assert.All(sessions, s => Assert.Equal(new LocalTime(9, 0), Instant.FromDateTimeOffset(s.SeriesAt).InZone(DateTimeZoneProviders.Tzdb["Asia/Seoul"]).TimeOfDay));
        await using var connection = await fixture.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM due_work WHERE kind = @Series AND group_id = @GroupId", new { Series = SeriesAhead.WorkKind, sessions[0].GroupId }));
    }

    [Theory]
    [InlineData("/series add now and then", "is not a repeating time I can read. Rules that work: 'last Saturday of every month at 10:00'")]
    [InlineData("/series add every Monday at 9:00, 0 times", "A series has 1 to 500 sessions, not 0.")]
    [InlineData("/series add every Monday at 9:00, 501 times", "A series has 1 to 500 sessions, not 501.")]
    [InlineData("/series add every Monday at 9:00 until 2026-01-01", "which is past, so it has no session ahead")]
    [InlineData("/series add every Monday at 9:00 case 7", "7")]
    [InlineData("/series add every Monday at 9:00 protocol nonesuch", "nonesuch")]
    public async Task BadInput_IsRefusedWithAReply_AndNothingIsStored(string command, string expected)
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        var before = await fixture.DumpAsync();

        var reply = await chat.SayAsync("ana", command);

        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.DumpAsync());
    }

    [Fact]
    public async Task ALongRule_AMember_AndATwentyFirstSeries_AreRefused_AndNothingIsStored()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("bob", "/me");
        var before = await fixture.DumpAsync();

        Assert.Contains("120", await chat.SayAsync("ana", "/series add every Monday " + new string('9', 10_000)), StringComparison.Ordinal);
        Assert.Contains("add series of sessions", await chat.SayAsync("bob", "/series add every Monday at 9:00"), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.DumpAsync());

        for (var i = 0; i < AddSeriesHandler.MaxActive; i++)
        {
            Assert.StartsWith("Saved: series", await chat.SayAsync("ana", $"/series add every Monday at {i}:00, 1 times"), StringComparison.Ordinal);
        }

        before = await fixture.DumpAsync();
        Assert.Equal(
            "A group can have at most 20 active series. End or pause one first.",
            await chat.SayAsync("ana", "/series add every Tuesday at 9:00"));
        Assert.Equal(before, await fixture.DumpAsync());
    }

    [Fact]
    public async Task Show_GivesTheRuleAndTheNextFiveDatesInTheGroupsZone()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone America/Sao_Paulo");
        await chat.SayAsync("ana", "/series add every second Tuesday at 18:30");

        var shown = await chat.SayAsync("bob", "/series show 1");

        Assert.StartsWith("Series 1: every 2 weeks on Tuesday at 18:30 (active), following ", shown, StringComparison.Ordinal);
        Assert.Contains("Written as: every second Tuesday at 18:30.", shown, StringComparison.Ordinal);
        Assert.Contains("Rule: FREQ=WEEKLY;INTERVAL=2;BYDAY=TU.", shown, StringComparison.Ordinal);
        var dates = shown.Split('\n')[1..];
        Assert.Equal(5, dates.Length);
        Assert.All(dates, d => Assert.Matches(@"^Tue \d+ \w+ \d{4} 18:30 \(America/Sao_Paulo\)$", d));
        Assert.Contains("There is no series 2 in this group.", await chat.SayAsync("bob", "/series show 2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_StopsCreatingSessions_Resume_CreatesThemAgain_End_CancelsTheScheduledOnes()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("ana", "/series add every Monday at 9:00");
        var dispatcher = new DueWorkDispatcher(fixture.Store, [new SeriesAhead(fixture.Store, new SeriesOccurrences())], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
        var sessions = await SessionsAsync(chat);
        Assert.Contains("is paused: no new sessions", await chat.SayAsync("ana", "/series pause 1"), StringComparison.Ordinal);
        Assert.Contains("is paused already", await chat.SayAsync("ana", "/series pause 1"), StringComparison.Ordinal);
        Assert.Contains("can pause, resume or end series", await chat.SayAsync("bob", "/series resume 1"), StringComparison.Ordinal);

        // Paused: the two sessions already scheduled stay, and none is added as their times pass.
        await RunUntilAsync(dispatcher, sessions[1].SeriesAt.AddHours(1));
        Assert.Equal(2, (await SessionsAsync(chat)).Count);

        Assert.Contains("is active again", await chat.SayAsync("ana", "/series resume 1"), StringComparison.Ordinal);
        sessions = await SessionsAsync(chat);
        Assert.Equal(4, sessions.Count);
        Assert.Equal(2, sessions.Count(s => s.SeriesAt > fixture.Time.GetUtcNow()));

        var ended = await chat.SayAsync("ana", "/series end 1");
        Assert.Contains("has ended; its sessions", ended, StringComparison.Ordinal);
        await using var connection = await fixture.OpenConnectionAsync();
        foreach (var session in sessions.Where(s => s.SeriesAt > fixture.Time.GetUtcNow()))
        {
            Assert.Equal("cancelled", await connection.ExecuteScalarAsync<string>("SELECT status FROM sessions WHERE id = @Id", new { session.Id }));
            // Its reminders and start work go; its event is brought in step (cancelled), and a start notice's button goes.
            Assert.Equal(
                [SessionMirror.WorkKind, StageButtons.WorkKind],
                (await connection.QueryAsync<string>("SELECT kind FROM due_work WHERE subject_id = @Id AND kind <> @Series", new { session.Id, Series = SeriesAhead.WorkKind })).Order(StringComparer.Ordinal));
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM due_work WHERE kind = @Series AND group_id = @GroupId", new { Series = SeriesAhead.WorkKind, sessions[0].GroupId }));
        Assert.Contains("There is no series 1", await chat.SayAsync("ana", "/series resume 1"), StringComparison.Ordinal);
        Assert.StartsWith("This group has no series yet.", await chat.SayAsync("ana", "/series list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_CancelsThatSessionWithItsReminders_AndTheNextIsCreatedSoTwoLieAhead()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("ana", "/series add every 2 weeks on Thursday at 8am");
        var sessions = await SessionsAsync(chat);
        var day = Instant.FromDateTimeOffset(sessions[1].SeriesAt).InZone(Oslo).Date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var before = await fixture.DumpAsync();
        Assert.Contains("is not a day I can read", await chat.SayAsync("ana", "/series skip 1 someday"), StringComparison.Ordinal);
        Assert.Contains("has no scheduled session on 2030-01-03", await chat.SayAsync("ana", "/series skip 1 2030-01-03"), StringComparison.Ordinal);
        Assert.Contains("There is no series 9", await chat.SayAsync("ana", $"/series skip 9 {day}"), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.DumpAsync());

        var reply = await chat.SayAsync("ana", $"/series skip 1 {day}");

        Assert.Equal($"Skipped: session 2 of series 1, on {day}, is cancelled.", reply);
        var after = await SessionsAsync(chat);
        // Two weeks on at the same wall time, whatever the clocks did meanwhile.
        var third = Instant.FromDateTimeOffset(sessions[1].SeriesAt).InZone(Oslo).LocalDateTime.PlusDays(14).InZoneLeniently(Oslo).ToDateTimeOffset();
        Assert.Equal([sessions[0].SeriesAt, sessions[1].SeriesAt, third], after.Select(s => s.SeriesAt));
        await using var connection = await fixture.OpenConnectionAsync();
        Assert.Equal("cancelled", await connection.ExecuteScalarAsync<string>("SELECT status FROM sessions WHERE id = @Id", new { sessions[1].Id }));
        Assert.Equal(
            [SessionMirror.WorkKind, StageButtons.WorkKind],
            (await connection.QueryAsync<string>("SELECT kind FROM due_work WHERE subject_id = @Id AND kind <> @Series", new { sessions[1].Id, Series = SeriesAhead.WorkKind })).Order(StringComparer.Ordinal));
        Assert.Contains("has no scheduled session on", await chat.SayAsync("ana", $"/series skip 1 {day}"), StringComparison.Ordinal);
    }

    private static void AssertLastSaturdaysInARow(IEnumerable<DateTimeOffset> instants)
    {
        var local = instants.Select(i => Instant.FromDateTimeOffset(i).InZone(Oslo).LocalDateTime).ToList();
        Assert.All(local, l =>
        {
            Assert.Equal(IsoDayOfWeek.Saturday, l.DayOfWeek);
            Assert.Equal(new LocalTime(10, 0), l.TimeOfDay);
            Assert.True(l.Day + 7 > l.Calendar.GetDaysInMonth(l.Year, l.Month), $"{l} is not the last Saturday of its month");
        });
        for (var i = 1; i < local.Count; i++)
        {
            Assert.Equal(local[i - 1].Date.PlusMonths(1).Month, local[i].Month);
        }
    }

    private async Task<List<SeriesSession>> SessionsAsync(Chat chat)
    {
        var group = await fixture.StoredGroupAsync(chat);
        await using var connection = await fixture.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(long Id, long? CaseId, string SeriesAt)>(
            "SELECT id, case_id, CAST(series_at AS text) FROM sessions WHERE group_id = @Id AND series_id IS NOT NULL ORDER BY series_at", new { group.Id });
        return [.. rows.Select(r => new SeriesSession(r.Id, group.Id, r.CaseId, DateTimeOffset.Parse(r.SeriesAt, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>Moves the clock forward in small steps to <paramref name="until"/>, running due work at each.</summary>
    private async Task RunUntilAsync(DueWorkDispatcher dispatcher, DateTimeOffset until)
    {
        while (fixture.Time.GetUtcNow() < until)
        {
            fixture.Time.Advance(TimeSpan.FromHours(6));
            await dispatcher.RunDueAsync(None);
        }
    }

    private sealed record SeriesSession(long Id, long GroupId, long? CaseId, DateTimeOffset SeriesAt);
}

public sealed class SqliteSeriesTests(SqliteStoreFixture fixture) : SeriesTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresSeriesTests(PostgresStoreFixture fixture) : SeriesTests(fixture), IClassFixture<PostgresStoreFixture>;
