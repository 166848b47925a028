using System.Globalization;
using System.Text.RegularExpressions;
using ConvenerBot.Core.Calendar;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Scheduling;
using ConvenerBot.Core.Series;
using ConvenerBot.Storage.Tests.Support;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// A group's calendar feed: organizers see its address privately and may replace it; the feed holds the
/// group's sessions of the last 30 days and ahead, cancelled ones marked, with no member names and nothing
/// of the case; each change of a session's status raises its sequence; a wrong or old token finds nothing.
/// A series that has not ended is one recurring event standing for its sessions: cancelled occurrences and
/// those passed without a session are left out, a session held at another time replaces its occurrence.
/// </summary>
public abstract partial class CalendarFeedTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    private CalendarFeeds Feeds => new(fixture.Store, fixture.Protocols, new SeriesOccurrences(), fixture.Time);

    [Fact]
    public async Task TheFeed_HoldsTheGroupsSessions_CancelledMarked_WithoutNamesOrCases()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("ana", "/case open Confidential burnout story");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(30))} case 1");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(54))}");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(78))}");
        await chat.SayAsync("ben", "/rsvp 1 going");
        await chat.SayAsync("ana", "/session cancel 3");
        var other = fixture.NewChat();
        await other.SayAsync("zoe", $"/session schedule {When(Hours(30))}");

        var shown = await chat.SendAsync("ana", "/calendar");
        var again = await chat.SendAsync("ana", "/calendar show");
        var token = TokenIn(shown.Messages[0].Text);
        var feed = await Feeds.ReadAsync(token, None);

        Assert.True(shown.Private);
        Assert.True(shown.Messages[0].Confidential);
        Assert.Contains($"https://convener.example.org/calendar/{token}.ics", shown.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(token, TokenIn(again.Messages[0].Text));
        var group = await fixture.StoredGroupAsync(chat);
        Assert.NotNull(feed);
        Assert.Equal(group.Title, feed.Name);
        Assert.Equal("Europe/Oslo", feed.TimeZone);
        Assert.Equal([1, 2, 3], feed.Events.Select(e => int.Parse(e.Uid.Split('-', '@')[2], CultureInfo.InvariantCulture)));
        Assert.Equal([$"session-{group.Id}-1@convenerbot", $"session-{group.Id}-2@convenerbot", $"session-{group.Id}-3@convenerbot"], feed.Events.Select(e => e.Uid));
        Assert.Equal([false, false, true], feed.Events.Select(e => e.Cancelled));
        Assert.Equal([0, 0, 1], feed.Events.Select(e => e.Sequence));
        Assert.Equal($"{group.Title}: session 1", feed.Events[0].Summary);
        var first = feed.Events[0];
        // Times are typed in the group's zone: Oslo is an hour ahead of UTC in November.
        Assert.Equal(Minute(Hours(30)).AddHours(-1), first.Start);
        var protocolMinutes = fixture.Protocols.Default.Stages.Sum(s => s.Minutes);
        Assert.Equal(first.Start.AddMinutes(protocolMinutes), first.End);
        var everything = string.Join('\n', feed.Events.Select(e => e.Summary)) + feed.Name;
        Assert.DoesNotContain("burnout", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ana", everything.Replace(group.Title, "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ben", everything.Replace(group.Title, "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OnlyOrganizers_SeeTheAddress_AndARefusalChangesNothing()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone UTC");
        await chat.SayAsync("ben", "/me");
        await chat.SayAsync("chloe", "/me");
        Assert.Contains("facilitator", await chat.SayAsync("ana", "/role facilitator ben"), StringComparison.Ordinal);
        var before = await fixture.DumpAsync();

        foreach (var (who, text) in new[] { ("ben", "/calendar"), ("ben", "/calendar reset"), ("chloe", "/calendar show") })
        {
            var reply = await chat.SendAsync(who, text);
            Assert.True(reply.Refused, $"{who}: '{text}' was not refused: {reply.Messages[0].Text}");
            Assert.DoesNotMatch(TokenPattern(), reply.Messages[0].Text);
            Assert.DoesNotContain("https://", reply.Messages[0].Text, StringComparison.Ordinal);
        }

        var extra = await chat.SendAsync("ana", "/calendar now");
        Assert.True(extra.Refused);
        Assert.Equal("'/calendar now' is not a calendar command. Use /calendar show or /calendar reset.", extra.Messages[0].Text);
        Assert.True(before == await fixture.DumpAsync(), "a refused /calendar changed the store");
    }

    [Fact]
    public async Task AfterAReset_TheOldTokenFindsNothing_NorDoesAWrongEmptyOrLongOne()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", $"/session schedule {When(Hours(30))}");
        var old = TokenIn(await chat.SayAsync("ana", "/calendar"));
        Assert.NotNull(await Feeds.ReadAsync(old, None));

        var reset = await chat.SendAsync("ana", "/calendar reset");
        var fresh = TokenIn(reset.Messages[0].Text);

        Assert.True(reset.Private);
        Assert.True(reset.Messages[0].Confidential);
        Assert.NotEqual(old, fresh);
        Assert.Null(await Feeds.ReadAsync(old, None));
        Assert.NotNull(await Feeds.ReadAsync(fresh, None));
        Assert.Equal(fresh, TokenIn(await chat.SayAsync("ana", "/calendar")));
        var last = fresh[^1] == 'a' ? 'b' : 'a';
        foreach (var wrong in new[] { "", null, new string('a', CalendarTokens.Length), fresh[..^1] + last, fresh + "a", fresh[..^1], new string('x', 100_000), string.Concat(fresh.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))) })
        {
            Assert.Null(await Feeds.ReadAsync(wrong, None));
        }
    }

    [Fact]
    public async Task EachChangeOfStatus_RaisesTheSequence_AndThePastMonthIsKept()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone UTC");
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(2))} case 1");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(24 * 45))}");
        var token = TokenIn(await chat.SayAsync("ana", "/calendar"));

        Assert.Contains("started", await chat.SayAsync("ana", "/session start 1 now"), StringComparison.OrdinalIgnoreCase);
        var running = await Feeds.ReadAsync(token, None);
        await chat.SayAsync("ana", "/session end");
        var ended = await Feeds.ReadAsync(token, None);
        await chat.SayAsync("ana", "/next");
        var afterRefusal = await Feeds.ReadAsync(token, None);

        Assert.Equal([1, 0], running!.Events.Select(e => e.Sequence));
        Assert.Equal([2, 0], ended!.Events.Select(e => e.Sequence));
        Assert.Equal([2, 0], afterRefusal!.Events.Select(e => e.Sequence));

        // 29 days later session 1 is still shown; two more days and it has left the feed.
        fixture.Time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(2, (await Feeds.ReadAsync(token, None))!.Events.Count);
        fixture.Time.Advance(TimeSpan.FromDays(2));
        var later = await Feeds.ReadAsync(token, None);
        Assert.Equal(Assert.Single(later!.Events).Uid, (await fixture.StoredGroupAsync(chat)) is var g ? $"session-{g.Id}-2@convenerbot" : "");
    }

    [Fact]
    public async Task SessionIcs_GivesTheFeedsEvent_InEveryChat_AndRefusalsSayWhy()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone UTC");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(30))}");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(54))}");
        await chat.SayAsync("ana", "/session cancel 2");
        var token = TokenIn(await chat.SayAsync("ana", "/calendar"));
        var feed = await Feeds.ReadAsync(token, None);
        var before = await fixture.DumpAsync();

        var reply = await chat.SendAsync("ben", "/session ics 2");

        var message = Assert.Single(reply.Messages);
        Assert.True(reply.Private);
        Assert.Equal("Session 2 as a calendar file, to open in your calendar app:", message.Text);
        Assert.NotNull(message.Calendar);
        Assert.Equal(feed!.Name, message.Calendar.Name);
        Assert.Equal(feed.Events[1], Assert.Single(message.Calendar.Events));
        Assert.True(Assert.Single(message.Calendar.Events).Cancelled);
        Assert.Equal("session-2.ics", message.Calendar.FileName);
        var platform = fixture.NewChat(Core.Conversations.ConversationKind.Group);
        await platform.SayAsync("ana", $"/session schedule {When(Hours(30))}", admin: true);
        // A group on a platform gets the same file: the platforms send it as a document or an attachment.
        var sent = await platform.SendAsync("ben", "/session ics 1");
        Assert.False(sent.Refused);
        Assert.Equal("session-1.ics", Assert.Single(sent.Messages).Calendar?.FileName);
        Assert.Equal(CalendarFeeds.Uid((await fixture.StoredGroupAsync(platform)).Id, 1), Assert.Single(sent.Messages[0].Calendar!.Events).Uid);
        var group = await fixture.DumpAsync();
        foreach (var (where, text, expected) in new[]
        {
            (chat, "/session ics 9", "There is no session 9 in this group. See /session list."),
            (chat, "/session ics", "Usage: /session ics ID"),
            (chat, "/session ics x", "'x' is not a session number"),
            (platform, "/session ics 4", "There is no session 4 in this group. See /session list."),
        })
        {
            var refused = await where.SendAsync("ben", text);
            Assert.True(refused.Refused, $"'{text}' was not refused");
            Assert.Contains(expected, refused.Messages[0].Text, StringComparison.Ordinal);
            Assert.Null(refused.Messages[0].Calendar);
        }

        Assert.NotEqual(before, group);
        Assert.True(group == await fixture.DumpAsync(), "a refused /session ics changed the store");
    }

    [Fact]
    public async Task ASeries_IsOneRecurringEvent_ASkippedDateIsLeftOut_AMovedSessionReplacesItsOccurrence()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("ana", "/case open Confidential burnout story");
        await chat.SayAsync("ana", "/series add last Saturday of every month at 10:00 case 1");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(30))}");
        var token = TokenIn(await chat.SayAsync("ana", "/calendar"));
        var group = await fixture.StoredGroupAsync(chat);
        var before = (await Feeds.ReadAsync(token, None))!;
        var planned = await SeriesSessionsAsync(group.Id);
        var day = Instant.FromDateTimeOffset(planned[1].SeriesAt).InZone(Oslo).Date;

        Assert.Contains("Skipped: session 2 of series 1", await chat.SayAsync("ana", $"/series skip 1 {day:uuuu-MM-dd}"), StringComparison.Ordinal);
        var moved = planned[0].SeriesAt.AddHours(26);
        await MoveAsync(group.Id, planned[0].Number, moved);
        var feed = (await Feeds.ReadAsync(token, None))!;

        var uid = $"series-{group.Id}-1@convenerbot";
        Assert.Equal([uid, $"session-{group.Id}-3@convenerbot"], before.Events.Select(e => e.Uid));
        Assert.Equal([uid, uid, $"session-{group.Id}-3@convenerbot"], feed.Events.Select(e => e.Uid));
        Assert.Equal([1, 2, 4], (await SeriesSessionsAsync(group.Id)).Select(s => s.Number));
        var series = feed.Events[0];
        var length = TimeSpan.FromMinutes(fixture.Protocols.Default.Stages.Sum(s => s.Minutes));
        Assert.Equal($"{group.Title}: series 1", series.Summary);
        Assert.Equal(planned[0].SeriesAt, series.Start);
        Assert.Equal(planned[0].SeriesAt + length, series.End);
        Assert.False(series.Cancelled);
        Assert.Null(series.Replaces);
        var recurrence = Assert.IsType<CalendarRecurrence>(series.Recurrence);
        Assert.Equal("FREQ=MONTHLY;BYDAY=-1SA", recurrence.Rule);
        Assert.Equal(new CalendarWallTime(Wall(planned[0].SeriesAt).Date.At(new LocalTime(10, 0)), "Europe/Oslo"), recurrence.FirstStart);
        Assert.Equal([new CalendarWallTime(day.At(new LocalTime(10, 0)), "Europe/Oslo")], recurrence.Excluded);
        Assert.Empty(before.Events[0].Recurrence!.Excluded);
        // The skip cancelled session 2 (its revision rose by one), so calendars take the new copy.
        Assert.Equal(before.Events[0].Sequence + 1, series.Sequence);
        var replaced = feed.Events[1];
        Assert.Equal(new CalendarWallTime(Wall(planned[0].SeriesAt), "Europe/Oslo"), replaced.Replaces);
        Assert.Equal(moved, replaced.Start);
        Assert.Equal(moved + length, replaced.End);
        Assert.Equal(series.Sequence, replaced.Sequence);
        Assert.Null(replaced.Recurrence);
        Assert.Equal($"{group.Title}: session 1", replaced.Summary);
        Assert.Null(feed.Events[2].Recurrence);
        Assert.Null(feed.Events[2].Replaces);
        Assert.DoesNotContain("burnout", string.Join('\n', feed.Events.Select(e => e.Summary)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OccurrencesPassedDuringAPause_AreLeftOut_AndAnEndedSeriesShowsItsSessionsOneByOne()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("ana", "/series add every Monday at 9:00");
        var token = TokenIn(await chat.SayAsync("ana", "/calendar"));
        var group = await fixture.StoredGroupAsync(chat);
        var planned = await SeriesSessionsAsync(group.Id);
        var dispatcher = new DueWorkDispatcher(fixture.Store, [new SeriesAhead(fixture.Store, new SeriesOccurrences())], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
        await chat.SayAsync("ana", "/series pause 1");
        var paused = (await Feeds.ReadAsync(token, None))!;

        // Two Mondays pass after the sessions already scheduled, with no session made for them.
        while (fixture.Time.GetUtcNow() < planned[1].SeriesAt.AddDays(15))
        {
            fixture.Time.Advance(TimeSpan.FromHours(6));
            await dispatcher.RunDueAsync(None);
        }

        var passed = (await Feeds.ReadAsync(token, None))!;
        Assert.Contains("is active again", await chat.SayAsync("ana", "/series resume 1"), StringComparison.Ordinal);
        var resumed = (await Feeds.ReadAsync(token, None))!;
        Assert.Contains("has ended", await chat.SayAsync("ana", "/series end 1"), StringComparison.Ordinal);
        var ended = (await Feeds.ReadAsync(token, None))!;

        var uid = $"series-{group.Id}-1@convenerbot";
        Assert.Equal([uid], paused.Events.Select(e => e.Uid));
        Assert.Empty(paused.Events[0].Recurrence!.Excluded);
        Assert.Equal(0, paused.Events[0].Sequence);
        var skipped = new[] { 7, 14 }.Select(d => new CalendarWallTime(Wall(planned[1].SeriesAt).PlusDays(d), "Europe/Oslo")).ToList();
        Assert.Equal([uid], passed.Events.Select(e => e.Uid));
        Assert.Equal(skipped, passed.Events[0].Recurrence!.Excluded);
        Assert.Equal(2, passed.Events[0].Sequence);
        Assert.Equal(skipped, resumed.Events[0].Recurrence!.Excluded);
        var all = await SeriesSessionsAsync(group.Id);
        Assert.Equal(4, all.Count);
        Assert.Equal(2, all.Count(s => s.SeriesAt > fixture.Time.GetUtcNow()));
        // Ended: the recurring event is gone, and the series' sessions of the last 30 days and ahead are single events.
        var shown = all.Where(s => s.SeriesAt >= fixture.Time.GetUtcNow().AddDays(-CalendarFeeds.PastDays)).ToList();
        Assert.Equal(shown.Select(s => $"session-{group.Id}-{s.Number}@convenerbot"), ended.Events.Select(e => e.Uid));
        // None was held, so /series end cancelled all four (it cancels every session still scheduled).
        Assert.All(ended.Events, e => Assert.True(e.Cancelled));
        Assert.All(ended.Events, e => Assert.Null(e.Recurrence));
    }

    [Fact]
    public async Task ASeriesLastDay_IsWrittenAsTheEndOfThatDayInUtc()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        Assert.StartsWith("Saved: series 1", await chat.SayAsync("ana", "/series add every Monday at 9:00 until 2027-12-06"), StringComparison.Ordinal);
        var token = TokenIn(await chat.SayAsync("ana", "/calendar"));

        var feed = (await Feeds.ReadAsync(token, None))!;

        // 23:59:59 on 6 December in Oslo (UTC+1 in winter) is 22:59:59 UTC.
        Assert.Equal("FREQ=WEEKLY;BYDAY=MO;UNTIL=20271206T225959Z", Assert.Single(feed.Events).Recurrence!.Rule);
    }

    private static string TokenIn(string text)
    {
        var match = TokenPattern().Match(text);
        Assert.True(match.Success, $"no feed address in: {text}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"/calendar/([0-9a-f]{64})\.ics")]
    private static partial Regex TokenPattern();

    private async Task<List<(int Number, DateTimeOffset SeriesAt)>> SeriesSessionsAsync(long groupId)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(long Number, string SeriesAt)>(
            "SELECT number, CAST(series_at AS text) FROM sessions WHERE group_id = @GroupId AND series_id IS NOT NULL ORDER BY series_at", new { GroupId = groupId });
        return [.. rows.Select(r => ((int)r.Number, DateTimeOffset.Parse(r.SeriesAt, CultureInfo.InvariantCulture)))];
    }

    /// <summary>Holds a session at another time than its series planned, as a move does.</summary>
    private async Task MoveAsync(long groupId, int number, DateTimeOffset to)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteAsync(
            "UPDATE sessions SET scheduled_at = @To WHERE group_id = @GroupId AND number = @Number", new { To = to, GroupId = groupId, Number = number }));
    }

    private static LocalDateTime Wall(DateTimeOffset at) => Instant.FromDateTimeOffset(at).InZone(Oslo).LocalDateTime;

    private DateTimeOffset Hours(int hours) => fixture.Time.GetUtcNow().AddHours(hours);

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    private static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

public sealed class SqliteCalendarFeedTests(SqliteStoreFixture fixture) : CalendarFeedTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresCalendarFeedTests(PostgresStoreFixture fixture) : CalendarFeedTests(fixture), IClassFixture<PostgresStoreFixture>;
