using System.Text.Json.Nodes;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Discord.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Discord.Tests;

/// <summary>
/// Answer buttons under a session's card, pressed as signed interactions: answers are private to the member,
/// Bring a case opens a form whose submission offers the case; reminders go by direct message to those coming.
/// </summary>
public sealed class RsvpTests
{
    [Fact]
    public async Task Presses_AreAnsweredPrivately_BringACaseOpensAForm_AndRefusalsSayWhy()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        var card = await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-05 10:00")), Member.Dan);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-06 10:00")), Member.Dan);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "cancel", ("id", 2)), Member.Dan);

        var going = await bot.InteractAsync(3, DiscordBot.Button("r:going:1"), Member.Chloe);
        var form = await bot.InteractAsync(3, DiscordBot.Button("r:case:1"), Member.Ben);
        var offered = await bot.InteractAsync(5, Submission("r:case:1", "Moving offices"), Member.Ben);
        var empty = await bot.InteractAsync(5, Submission("r:case:1", "  "), Member.Ben);
        var tooLong = await bot.InteractAsync(5, Submission("r:case:1", new string('x', 201)), Member.Ben);
        var cancelled = await bot.InteractAsync(3, DiscordBot.Button("r:no:2"), Member.Chloe);
        var forged = await bot.InteractAsync(3, DiscordBot.Button("r:going:1;2"), Member.Chloe);
        var typed = await bot.InteractAsync(2, DiscordBot.Command("rsvp", ("id", 1), ("answer", "maybe")), Member.Ana);
        var show = await bot.InteractAsync(2, DiscordBot.SubCommand("session", "show", ("id", 1)), Member.Ana);

        var buttons = card["data"]!["components"]![0]!["components"]!.AsArray();
        Assert.Equal(["r:going:1", "r:maybe:1", "r:no:1", "r:case:1"], buttons.Select(b => b!["custom_id"]!.GetValue<string>()));
        Assert.Equal(["Going", "Maybe", "Can't", "Bring a case"], buttons.Select(b => b!["label"]!.GetValue<string>()));
        Assert.Equal(4, going["type"]!.GetValue<int>());
        Assert.Equal(64, going["data"]!["flags"]!.GetValue<int>());
        Assert.Matches(@"^Noted: you are going to session 1 on <t:\d+:F>\. Going so far: 1\.$", Content(going));
        Assert.Equal(9, form["type"]!.GetValue<int>());
        Assert.Equal("r:case:1", form["data"]!["custom_id"]!.GetValue<string>());
        Assert.Equal("Bring a case to session 1", form["data"]!["title"]!.GetValue<string>());
        Assert.Equal(200, form["data"]!["components"]![0]!["components"]![0]!["max_length"]!.GetValue<int>());
        Assert.Contains("would bring a case: Moving offices. Going so far: 2.", Content(offered), StringComparison.Ordinal);
        Assert.Equal(64, offered["data"]!["flags"]!.GetValue<int>());
        Assert.StartsWith("Say which case you would bring: /rsvp 1 case TITLE", Content(empty), StringComparison.Ordinal);
        Assert.StartsWith("The title is 201 characters long; keep it to 200.", Content(tooLong), StringComparison.Ordinal);
        Assert.StartsWith("Session 2 was cancelled", Content(cancelled), StringComparison.Ordinal);
        Assert.Equal("This button is not valid (any more).", Content(forged));
        Assert.All(new[] { empty, tooLong, cancelled, forged, typed, show }, r => Assert.Equal(64, r["data"]!["flags"]!.GetValue<int>()));
        Assert.StartsWith("Noted: maybe for session 1", Content(typed), StringComparison.Ordinal);
        Assert.Contains("Going (2): Chloe and Ben\nMaybe (1): Ana\n", Content(show), StringComparison.Ordinal);
        Assert.Contains("- Moving offices (Ben)", Content(show), StringComparison.Ordinal);
        // Answers are the member's own: nothing was posted in the channel for them.
        Assert.Empty(rest.CallsTo("POST", $"channels/{DiscordBot.Channel}/messages"));
    }

    [Fact]
    public async Task Reminder_GoesByDirectMessageToThoseComing_AndTheChannelIsToldOnceAboutWhoCannotBeReached()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ana);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-05 10:00"), ("case", 1)), Member.Dan);
        await bot.InteractAsync(3, DiscordBot.Button("r:going:1"), Member.Chloe);
        await bot.InteractAsync(3, DiscordBot.Button("r:maybe:1"), Member.Ben);
        await bot.InteractAsync(3, DiscordBot.Button("r:no:1"), Member.Ana);
        // Chloe does not let the bot write to her: her direct-message channel cannot be opened.
        rest.Fail("POST", "users/@me/channels", times: 1, status: 403);

        await DueNowAsync(bot, "1440");

        var opened = rest.CallsTo("POST", "users/@me/channels").ToList();
        Assert.Equal([Member.Chloe.Id, Member.Ben.Id], opened.Select(c => c.Body!["recipient_id"]!.GetValue<string>()));
        Assert.Equal([403, 200], opened.Select(c => c.Status));
        var direct = Assert.Single(rest.Calls, c => c.Method == "POST" && c.Path.StartsWith("channels/", StringComparison.Ordinal) && c.Path != $"channels/{DiscordBot.Channel}/messages");
        Assert.StartsWith("Reminder from #peer-circle: session 1 is on Sat 5 Jan 2030 10:00 (UTC)", direct.Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Your answer: maybe.", direct.Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(direct.Body!["components"]);
        var inChannel = rest.CallsTo("POST", $"channels/{DiscordBot.Channel}/messages").Select(c => c.Body!).ToList();
        Assert.Equal(2, inChannel.Count);
        Assert.StartsWith("Reminder: session 1 is on", inChannel[0]["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("r:going:1", inChannel[0]["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>());
        Assert.StartsWith("Chloe: I cannot write to you privately", inChannel[1]["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(rest.Calls.Where(c => c.Method == "POST" && c.Path.EndsWith("/messages", StringComparison.Ordinal)), c => Assert.Empty(c.Body!["allowed_mentions"]!["parse"]!.AsArray()));
        SchemaChecker.AssertValidCalls(rest);
    }

    private static string Content(JsonObject response) => response["data"]!["content"]!.GetValue<string>();

    private static JsonObject Submission(string customId, string title) => new()
    {
        ["custom_id"] = customId,
        ["components"] = new JsonArray(new JsonObject
        {
            ["type"] = 1,
            ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = "title", ["value"] = title }),
        }),
    };

    /// <summary>Moves the pending reminder with this payload to now (the clock is the real one here) and runs due work.</summary>
    private static async Task DueNowAsync(DiscordBot bot, string payload)
    {
        await BotDatabase.MakeDueAsync(bot.DatabasePath, SessionReminders.WorkKind, payload);
        var dispatcher = bot.Host.Services.GetRequiredService<DueWorkDispatcher>();
        await dispatcher.RunDueAsync(CancellationToken.None);
        await dispatcher.RunDueAsync(CancellationToken.None);
    }
}
