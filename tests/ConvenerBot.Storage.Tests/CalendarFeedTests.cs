using System.Globalization;
using System.Text.RegularExpressions;
using ConvenerBot.Core.Calendar;
using ConvenerBot.Storage.Tests.Support;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// A group's calendar feed: organizers see its address privately and may replace it; the feed holds the
/// group's sessions of the last 30 days and ahead, cancelled ones marked, with no member names and nothing
/// of the case; each change of a session's status raises its sequence; a wrong or old token finds nothing.
/// </summary>
public abstract partial class CalendarFeedTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private CalendarFeeds Feeds => new(fixture.Store, fixture.Protocols, fixture.Time);

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

    private static string TokenIn(string text)
    {
        var match = TokenPattern().Match(text);
        Assert.True(match.Success, $"no feed address in: {text}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"/calendar/([0-9a-f]{64})\.ics")]
    private static partial Regex TokenPattern();

    private DateTimeOffset Hours(int hours) => fixture.Time.GetUtcNow().AddHours(hours);

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    private static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

public sealed class SqliteCalendarFeedTests(SqliteStoreFixture fixture) : CalendarFeedTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresCalendarFeedTests(PostgresStoreFixture fixture) : CalendarFeedTests(fixture), IClassFixture<PostgresStoreFixture>;
