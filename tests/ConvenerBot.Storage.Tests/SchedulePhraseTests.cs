using ConvenerBot.Storage.Tests.Support;
using NodaTime;

namespace ConvenerBot.Storage.Tests;

/// <summary>A time typed as people say it is stored as the right instant; every bad one is refused and changes nothing.</summary>
public abstract class SchedulePhraseTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ScheduleNextSaturday_StoresTenInTheMorningOfTheGroupsZone_AsUtc()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("ana", "/case open Funding gap");

        var reply = await chat.SayAsync("ana", "/session schedule next saturday 10am case 1");

        // The first Saturday after today in Oslo, at 10:00 there, whatever the offset that day.
        var oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var today = Instant.FromDateTimeOffset(fixture.Time.GetUtcNow()).InZone(oslo).Date;
        var saturday = today.Next(IsoDayOfWeek.Saturday);
        var expected = oslo.AtStrictly(saturday.At(new LocalTime(10, 0))).ToDateTimeOffset();
        var group = await fixture.StoredGroupAsync(chat);
        await using var tx = await fixture.Store.BeginAsync(None);
        var session = await tx.Sessions.FindAsync(group.Id, 1, forUpdate: false, None);
        Assert.Equal(expected.UtcDateTime, session!.ScheduledAt.UtcDateTime);
        Assert.StartsWith($"Saved: session 1 on Sat {saturday.Day} ", reply, StringComparison.Ordinal);
        Assert.Contains("10:00 (Europe/Oslo), case 1, Funding gap", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadTimes_AreRefusedWithWhatIsWrong_AndChangeNothing()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("ana", "/case open Funding gap");
        (string When, string Expected)[] bad =
        [
            ("someday soon", "'someday soon' is not a date and time I can read. Try, for example, 26 Dec 10:00, tomorrow 18:30 or next Saturday 10am"),
            ("31 February 10:00", "There is no 31 February in the calendar."),
            ("Feb 30 at 9", "There is no Feb 30 in the calendar."),
            ("tomorrow 25:00", "25:00 is not a time of day."),
            ("tomorrow 13pm", "13pm is not a time of day."),
            ("today 00:00", "which is in the past"),
            ("2032-06-01 10:00", "is too far ahead. Sessions can be scheduled up to 5 years ahead."),
            (new string('x', 10_000), "A time of 10000 characters is more than I read (at most 64)."),
            ("2027-03-28 02:30", "2027-03-28 02:30 does not exist in Europe/Oslo: the clocks jump forward then. Did you mean 2027-03-28 01:59 or 2027-03-28 03:00?"),
            ("2027-10-31 02:30", "Say which: 2027-10-31 02:30+02:00 for the first, 2027-10-31 02:30+01:00 for the second."),
            ("tomorrow", "'tomorrow' says the day but not the time."),
        ];
        var before = await fixture.DumpAsync();

        foreach (var (when, expected) in bad)
        {
            var reply = await chat.SendAsync("ana", $"/session schedule {when} case 1");

            Assert.True(reply.Refused, when);
            Assert.Contains(expected, reply.Messages[0].Text, StringComparison.Ordinal);
        }

        Assert.Equal(before, await fixture.DumpAsync());
        var picked = await chat.SayAsync("ana", "/session schedule 2027-10-31 02:30+01:00 case 1");
        Assert.StartsWith("Saved: session 1 on Sun 31 Oct 2027 02:30 (Europe/Oslo)", picked, StringComparison.Ordinal);
        var group = await fixture.StoredGroupAsync(chat);
        await using var tx = await fixture.Store.BeginAsync(None);
        Assert.Equal(new DateTime(2027, 10, 31, 1, 30, 0, DateTimeKind.Utc), (await tx.Sessions.FindAsync(group.Id, 1, forUpdate: false, None))!.ScheduledAt.UtcDateTime);
    }
}

public sealed class SqliteSchedulePhraseTests(SqliteStoreFixture fixture) : SchedulePhraseTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresSchedulePhraseTests(PostgresStoreFixture fixture) : SchedulePhraseTests(fixture), IClassFixture<PostgresStoreFixture>;
