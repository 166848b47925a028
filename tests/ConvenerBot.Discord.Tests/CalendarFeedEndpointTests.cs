using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConvenerBot.Core.Calendar;
using ConvenerBot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using IcalCalendar = Ical.Net.Calendar;

namespace ConvenerBot.Discord.Tests;

/// <summary>
/// The executable serves each group's calendar at <c>GET /calendar/{token}.ics</c>: the address comes from
/// /calendar (only to organizers, privately), the file parses back with Ical.Net field by field, and a
/// wrong, empty, long or replaced token is 404. Without Convener:CalendarBaseUrl there is no feed.
/// </summary>
public sealed partial class CalendarFeedEndpointTests : IDisposable
{
    private const string BaseUrl = "https://convener.example.org";

    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task TheFeed_ParsesBack_FieldByField_WithNoMemberNamesOrCaseTitles()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest, null, $"--Convener:CalendarBaseUrl={BaseUrl}");
        await bot.InteractAsync(2, DiscordBot.Command("timezone", ("zone", "Europe/Oslo")), Member.Dan);
        await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Secret merger worries")), Member.Ben);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-05 10:00"), ("case", 1)), Member.Dan);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-07-06 18:30")), Member.Dan);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "cancel", ("id", 2)), Member.Dan);
        await bot.InteractAsync(2, DiscordBot.Command("rsvp", ("id", 1), ("answer", "going")), Member.Chloe);

        var shown = await bot.InteractAsync(2, DiscordBot.SubCommand("calendar", "show"), Member.Ana);
        var token = TokenIn(Content(shown));
        using var response = await _http.GetAsync(Feed(bot, token));
        var body = await response.Content.ReadAsStringAsync();
        var expected = await bot.Host.Services.GetRequiredService<CalendarFeeds>().ReadAsync(token, CancellationToken.None);

        Assert.Equal(64, shown["data"]!["flags"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", body, StringComparison.Ordinal);
        var calendar = IcalCalendar.Load(body)!;
        Assert.Equal(expected!.Name, calendar.Properties["X-WR-CALNAME"]!.Value);
        Assert.Equal("Europe/Oslo", calendar.Properties["X-WR-TIMEZONE"]!.Value);
        var events = calendar.Events.OrderBy(e => e.Uid, StringComparer.Ordinal).ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(expected.Events.Count, events.Count);
        var groupId = expected.Events[0].Uid.Split('-')[1];
        Assert.Equal([$"session-{groupId}-1@convenerbot", $"session-{groupId}-2@convenerbot"], events.Select(e => e.Uid));
        Assert.Equal(["CONFIRMED", "CANCELLED"], events.Select(e => e.Status));
        Assert.Equal([0, 1], events.Select(e => e.Sequence));
        Assert.Equal([$"{expected.Name}: session 1", $"{expected.Name}: session 2"], events.Select(e => e.Summary));
        // 10:00 in Oslo in January is 09:00 UTC; 18:30 in July is 16:30 UTC.
        Assert.Equal(
            [new DateTime(2030, 1, 5, 9, 0, 0, DateTimeKind.Utc), new DateTime(2030, 7, 6, 16, 30, 0, DateTimeKind.Utc)],
            events.Select(e => e.DtStart!.AsUtc));
        Assert.All(events, e => Assert.True(e.DtStart!.IsUtc));
        Assert.Equal(expected.Events.Select(e => e.End.UtcDateTime), events.Select(e => e.DtEnd!.AsUtc));
        Assert.All(events, e => Assert.Empty(e.Attendees));
        Assert.All(events, e => Assert.Null(e.Description));
        foreach (var hidden in new[] { "Secret", "merger", "Ana", "Ben", "Chloe", "Dan" })
        {
            Assert.DoesNotContain(hidden, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task AWrongEmptyLongOrReplacedToken_Is404_AndOnlyOrganizersSeeTheAddress()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest, null, $"--Convener:CalendarBaseUrl={BaseUrl}/");
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-05 10:00")), Member.Dan);
        var refused = await bot.InteractAsync(2, DiscordBot.SubCommand("calendar", "show"), Member.Ben);
        var old = TokenIn(Content(await bot.InteractAsync(2, DiscordBot.SubCommand("calendar", "show"), Member.Ana)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Feed(bot, old)));

        var reset = await bot.InteractAsync(2, DiscordBot.SubCommand("calendar", "reset"), Member.Dan);
        var fresh = TokenIn(Content(reset));

        Assert.Equal(64, refused["data"]!["flags"]!.GetValue<int>());
        Assert.StartsWith("Only an organizer can see or renew the group's calendar feed address", Content(refused), StringComparison.Ordinal);
        Assert.DoesNotMatch(TokenPattern(), Content(refused));
        Assert.Equal(64, reset["data"]!["flags"]!.GetValue<int>());
        Assert.Contains($"{BaseUrl}/calendar/{fresh}.ics", Content(reset), StringComparison.Ordinal);
        Assert.NotEqual(old, fresh);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Feed(bot, fresh)));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(Feed(bot, old)));
        var flipped = fresh[..^1] + (fresh[^1] == 'a' ? 'b' : 'a');
        foreach (var wrong in new[] { flipped, new string('a', CalendarTokens.Length), fresh + "a", fresh[..^1], new string('x', 4000), "%20", "..%2F..%2Fetc" })
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(Feed(bot, wrong)));
        }

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(new Uri(bot.Endpoint, "/calendar/.ics")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(new Uri(bot.Endpoint, $"/calendar/{fresh}")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(Feed(bot, fresh.ToUpperInvariant())));
    }

    [Fact]
    public async Task WithoutABaseUrl_NoFeedIsServed_AndCalendarSaysSo()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);

        var answer = await bot.InteractAsync(2, DiscordBot.SubCommand("calendar", "show"), Member.Ana);

        Assert.Equal("This bot does not serve calendar feeds: its operator has not set Convener:CalendarBaseUrl.", Content(answer));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(Feed(bot, new string('a', CalendarTokens.Length))));
    }

    private static Uri Feed(DiscordBot bot, string token) => new(bot.Endpoint, $"/calendar/{token}.ics");

    private async Task<HttpStatusCode> StatusAsync(Uri uri)
    {
        using var response = await _http.GetAsync(uri);
        return response.StatusCode;
    }

    private static string Content(JsonObject answer) => answer["data"]!["content"]!.GetValue<string>();

    private static string TokenIn(string text)
    {
        var match = TokenPattern().Match(text);
        Assert.True(match.Success, $"no feed address in: {text}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"/calendar/([0-9a-f]{64})\.ics")]
    private static partial Regex TokenPattern();
}
