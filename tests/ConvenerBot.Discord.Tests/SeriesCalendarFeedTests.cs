using System.Globalization;
using System.Text.RegularExpressions;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Discord.Tests.Support;
using ConvenerBot.Testing;
using Ical.Net.DataTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using IcalCalendar = Ical.Net.Calendar;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace ConvenerBot.Discord.Tests;

/// <summary>
/// A series in the served feed, read back with Ical.Net and with Python's icalendar: one event with the
/// series' UID at 10:00 Europe/Oslo with its RRULE and VTIMEZONE, whose occurrences are the sessions the bot
/// created (10:00 on both sides of the March clock change), a skipped date as an EXDATE, a session held at
/// another time as an event replacing its occurrence, and the series' sessions not repeated one by one.
/// </summary>
public sealed partial class SeriesCalendarFeedTests : IDisposable
{
    private const string Oslo = "Europe/Oslo";

    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task ASeries_ParsesBackAsOneRecurringEvent_WhoseOccurrencesAreTheBotsSessions()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.Zero));
        await using var bot = await DiscordBot.StartAsync(rest, s => s.AddSingleton<TimeProvider>(time), "--Convener:CalendarBaseUrl=https://convener.example.org");

        var (body, groupId) = await SeriesFeedAsync(bot, time);

        var calendar = IcalCalendar.Load(body)!;
        var uid = $"series-{groupId}-1@convenerbot";
        var events = calendar.Events.ToList();
        Assert.Equal([uid, uid, $"session-{groupId}-3@convenerbot"], events.Select(e => e.Uid));
        var series = events[0];
        Assert.Equal(new CalDateTime(2027, 1, 30, 10, 0, 0, Oslo), series.DtStart);
        Assert.Equal(Oslo, series.DtStart!.TzId);
        Assert.Null(series.DtEnd);
        Assert.Equal(TimeSpan.FromMinutes(ProtocolMinutes(bot)), series.Duration!.Value.ToTimeSpanUnspecified());
        Assert.Equal("FREQ=MONTHLY;BYDAY=-1SA", series.RecurrenceRule!.ToString());
        Assert.Equal([new CalDateTime(2027, 3, 27, 10, 0, 0, Oslo)], series.ExceptionDates.GetAllDates());
        Assert.Null(series.RecurrenceIdentifier);
        Assert.Equal("CONFIRMED", series.Status);
        // The sum of its sessions' revisions: the skip cancelled one, and the two sessions that passed unheld were marked.
        Assert.Equal(await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT CAST(SUM(revision) AS TEXT) FROM sessions WHERE series_id IS NOT NULL"), series.Sequence.ToString(CultureInfo.InvariantCulture));
        Assert.True(series.Sequence >= 1);
        var name = calendar.Properties["X-WR-CALNAME"]!.Value;
        Assert.Equal($"{name}: series 1", series.Summary);
        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal(Oslo, zone.TzId);
        Assert.Contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo", body, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:+0200", body, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:+0100", body, StringComparison.Ordinal);

        // The rule alone: last Saturdays at 10:00 in Oslo, 09:00 UTC in winter and 08:00 UTC in summer, less the skipped one.
        var rule = series.GetOccurrences(new CalDateTime(2027, 1, 1, 0, 0, 0, "UTC")).Select(o => o.Period.StartTime).TakeWhile(s => s.AsUtc.Year == 2027 && s.AsUtc.Month < 7).ToList();
        Assert.All(rule, s => Assert.Equal((Oslo, 10, 0), (s.TzId, s.Hour, s.Minute)));
        Assert.Equal([Utc(1, 30, 9), Utc(2, 27, 9), Utc(4, 24, 8), Utc(5, 29, 8), Utc(6, 26, 8)], rule.Select(s => s.AsUtc));
        // Every session the series made was planned for one of its occurrences or its EXDATE.
        var planned = await TimesAsync(bot, "series_at", "series_id IS NOT NULL");
        Assert.Equal([Utc(1, 30, 9), Utc(2, 27, 9), Utc(3, 27, 9), Utc(4, 24, 8), Utc(5, 29, 8)], planned);

        // The whole calendar, the moved session's event in place of its occurrence: exactly the sessions that are to be held.
        var moved = events[1];
        Assert.Equal(new CalDateTime(2027, 4, 24, 10, 0, 0, Oslo), moved.RecurrenceIdentifier!.StartTime);
        Assert.Equal(Utc(4, 25, 10), moved.DtStart!.AsUtc);
        Assert.Equal($"{name}: session 5", moved.Summary);
        Assert.Equal(series.Sequence, moved.Sequence);
        var held = calendar.GetOccurrences(new CalDateTime(2027, 1, 1, 0, 0, 0, "UTC"))
            .TakeWhile(o => o.Period.StartTime.AsUtc < Utc(6, 1, 0))
            .Select(o => (((IcalEvent)o.Source).Uid, o.Period.StartTime.AsUtc))
            .ToList();
        var sessions = await TimesAsync(bot, "scheduled_at", "status <> 'cancelled'");
        Assert.Equal(sessions, held.Select(h => h.AsUtc));
        Assert.Equal([uid, $"session-{groupId}-3@convenerbot", uid, uid, uid], held.Select(h => h.Uid));
        Assert.Equal([Utc(1, 30, 9), Utc(2, 10, 17), Utc(2, 27, 9), Utc(4, 25, 10), Utc(5, 29, 8)], sessions);
        Assert.DoesNotContain("Secret", body, StringComparison.Ordinal);
    }

    [PythonIcalendarFact]
    public async Task ASecondParser_ReadsTheSeriesRuleItsExdateAndItsReplacement()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.Zero));
        await using var bot = await DiscordBot.StartAsync(rest, s => s.AddSingleton<TimeProvider>(time), "--Convener:CalendarBaseUrl=https://convener.example.org");
        var (body, groupId) = await SeriesFeedAsync(bot, time);
        var path = Path.Combine(Path.GetTempPath(), $"convenerbot-feed-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(path, body);

        try
        {
            var (exitCode, output, errors) = Python.Run(
                """
                import sys
                from icalendar import Calendar
                calendar = Calendar.from_ical(open(sys.argv[1], 'rb').read())
                for event in calendar.walk('VEVENT'):
                    rule = event.get('RRULE')
                    exdate = event.get('EXDATE')
                    exdates = [] if exdate is None else [d.dt.isoformat() for x in (exdate if isinstance(exdate, list) else [exdate]) for d in x.dts]
                    rid = event.get('RECURRENCE-ID')
                    print('|'.join([str(event.get('UID')), rule.to_ical().decode() if rule else '', ','.join(exdates),
                                    rid.dt.isoformat() if rid else '', event.decoded('DTSTART').isoformat()]))
                print('zones:' + ','.join(str(z.get('TZID')) for z in calendar.walk('VTIMEZONE')))
                """,
                [path]);

            Assert.True(exitCode == 0, errors);
            Assert.Equal(
                [
                    $"series-{groupId}-1@convenerbot|FREQ=MONTHLY;BYDAY=-1SA|2027-03-27T10:00:00+01:00||2027-01-30T10:00:00+01:00",
                    $"series-{groupId}-1@convenerbot|||2027-04-24T10:00:00+02:00|2027-04-25T10:00:00+00:00",
                    $"session-{groupId}-3@convenerbot||||2027-02-10T17:00:00+00:00",
                    "zones:Europe/Oslo",
                ],
                output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// A series of the last Saturday of each month at 10:00 in Oslo from January 2027 with a one-off session
    /// (3) beside it; due work makes its sessions through April (4 on 27 March, the day before the clocks go
    /// forward; 5 on 24 April), 27 March is skipped (6 on 29 May is made in its place) and session 5 is held a
    /// day later at noon. Returns the served feed and the group's id.
    /// </summary>
    private async Task<(string Body, string GroupId)> SeriesFeedAsync(DiscordBot bot, FakeTimeProvider time)
    {
        bot.SigningClock = time;
        await bot.InteractAsync(2, DiscordBot.Command("timezone", ("zone", Oslo)), Member.Dan);
        await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Secret merger worries")), Member.Ben);
        var added = await bot.InteractAsync(2, DiscordBot.SubCommand("series", "add", ("rule", "last Saturday of every month at 10:00"), ("case", 1)), Member.Dan);
        Assert.StartsWith("Saved: series 1", Content(added), StringComparison.Ordinal);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2027-02-10 18:00")), Member.Dan);
        var dispatcher = bot.Host.Services.GetRequiredService<DueWorkDispatcher>();
        foreach (var (day, sessions) in new[] { (new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero), "3"), (new DateTimeOffset(2027, 2, 28, 0, 0, 0, TimeSpan.Zero), "4") })
        {
            time.SetUtcNow(day);
            await dispatcher.RunDueAsync(CancellationToken.None);
            await Eventually.HoldsAsync(
                async () => await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT CAST(COUNT(*) AS TEXT) FROM sessions WHERE series_id IS NOT NULL") == sessions,
                $"the series did not reach {sessions} sessions");
        }

        var skipped = await bot.InteractAsync(2, DiscordBot.SubCommand("series", "skip", ("id", 1), ("date", "2027-03-27")), Member.Dan);
        Assert.StartsWith("Skipped: session 4 of series 1", Content(skipped), StringComparison.Ordinal);
        Assert.Equal(1, await BotDatabase.ExecuteAsync(bot.DatabasePath, "UPDATE sessions SET scheduled_at = '2027-04-25T10:00:00.0000000Z' WHERE number = 5 AND series_id IS NOT NULL"));
        var token = TokenPattern().Match(Content(await bot.InteractAsync(2, DiscordBot.SubCommand("calendar", "show"), Member.Ana))).Groups[1].Value;
        using var response = await _http.GetAsync(new Uri(bot.Endpoint, $"/calendar/{token}.ics"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var groupId = await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT CAST(group_id AS TEXT) FROM sessions WHERE number = 1");
        return (await response.Content.ReadAsStringAsync(), groupId!);
    }

    private static async Task<List<DateTime>> TimesAsync(DiscordBot bot, string column, string where)
    {
        var text = await BotDatabase.ScalarAsync(bot.DatabasePath, $"SELECT group_concat({column}, ';') FROM (SELECT {column} FROM sessions WHERE {where} ORDER BY {column})");
        return [.. text!.Split(';').Select(t => DateTime.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))];
    }

    private static int ProtocolMinutes(DiscordBot bot) =>
        bot.Host.Services.GetRequiredService<Core.Protocols.ProtocolCatalog>().Default.Stages.Sum(s => s.Minutes);

    private static DateTime Utc(int month, int day, int hour) => new(2027, month, day, hour, 0, 0, DateTimeKind.Utc);

    private static string Content(System.Text.Json.Nodes.JsonObject answer) => answer["data"]!["content"]!.GetValue<string>();

    [GeneratedRegex(@"/calendar/([0-9a-f]{64})\.ics")]
    private static partial Regex TokenPattern();
}
