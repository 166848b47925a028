using System.Globalization;
using System.Text.RegularExpressions;
using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram.Tests;

/// <summary>A series through the real Telegram client: its sessions are ordinary sessions, moved and skipped one at a time.</summary>
public sealed partial class TelegramSeriesTests
{
    private const long Group = -1005550077;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Chloe = FakeBotApi.Person(13, "Chloe");

    [Fact]
    public async Task Series_CreatesSessionsWithAnswerButtons_OneIsMovedAndAnotherSkipped_AndBadInputChangesNothing()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);

        // Bad input and a member without the right get a clear reply, and no series.
        await chat.SayAsync(Ana, "/series add whenever the moon is full", "is not a repeating time I can read");
        await chat.SayAsync(Chloe, "/series add every Monday at 9:00", "Only a facilitator");
        await chat.SayAsync(Ana, "/series list", "This group has no series yet");

        var added = await chat.SayAsync(Ana, "/series add every Monday at 9:00", "Saved: series 1, every Monday at 9:00");
        var first = Day(added.Text, 1);
        var second = Day(added.Text, 2);
        Assert.Equal(7, second.DayNumber - first.DayNumber);

        // A series' session is an ordinary session: its card carries the answer buttons.
        var card = await chat.SayAsync(Chloe, "/session show 1", "Session 1:");
        Assert.Equal(["r:going:1", "r:maybe:1", "r:no:1", "r:case:1"], GroupChat.Buttons(card));

        await chat.SayAsync(Ana, $"/series move 1 {Iso(first)} {Iso(first.AddDays(1))} 18:00", "Moved: session 1 of series 1 is now on");
        await chat.SayAsync(Ana, $"/series skip 1 {Iso(second)}", "Skipped: session 2 of series 1");
        await chat.SayAsync(Ana, $"/series skip 1 {Iso(second)}", "no scheduled session");

        var list = await chat.SayAsync(Chloe, "/session list", "1.");
        Assert.Contains("18:00", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(second.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture), list.Text, StringComparison.Ordinal);
        await chat.SayAsync(Chloe, "/series show 1", "Next dates");
    }

    /// <summary>The day of a session as the series' answer names it ("session 2 on Mon 7 Dec 2026 09:00 (UTC)").</summary>
    private static DateOnly Day(string reply, int session)
    {
        var match = SessionDay().Matches(reply).Single(m => m.Groups["number"].Value == session.ToString(CultureInfo.InvariantCulture));
        return DateOnly.ParseExact(match.Groups["day"].Value, "d MMM yyyy", CultureInfo.InvariantCulture);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"session (?<number>\d+) on \w{3} (?<day>\d{1,2} \w{3} \d{4})")]
    private static partial Regex SessionDay();
}
