using System.Text.Json.Nodes;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Discord.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Discord.Tests;

/// <summary>A whole session in a Discord channel: slash commands, buttons, follow-ups, deferral; every body checked against Discord's schemas.</summary>
public sealed class DiscordSessionTests
{
    [Fact]
    public async Task FullSession_WithButtonsAndFollowUps_AndNoMentions()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);

        Assert.Equal(9, (await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open"), Member.Ana))["type"]!.GetValue<int>());
        var opened = await Interact(bot, 5, CaseFormSubmission("Funding gap", "Grant ends"), Member.Ana);
        Assert.StartsWith("Saved case 1: Funding gap", Content(opened), StringComparison.Ordinal);
        await Say(bot, DiscordBot.Command("me"), Member.Ben);
        Assert.Contains("Dan, an organizer (as an administrator of this chat)", await Say(bot, DiscordBot.Command("me"), Member.Dan), StringComparison.Ordinal);
        Assert.Equal("Saved: Ben is now a facilitator.", await Say(bot, DiscordBot.Command("role", ("role", "facilitator"), ("member", Member.Ben)), Member.Ana));
        var unix = new DateTimeOffset(2027, 12, 27, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.StartsWith($"Saved: session 1 on <t:{unix}:F>, case 1, Funding gap", await Say(bot, DiscordBot.SubCommand("session", "schedule", ("when", "2027-12-27 10:00"), ("case", 1)), Member.Ben), StringComparison.Ordinal);
        Assert.Contains($"1\\. <t:{unix}:F> — case 1", await Say(bot, DiscordBot.SubCommand("session", "list"), Member.Chloe), StringComparison.Ordinal);

        var suggested = await bot.InteractAsync(4, FocusedOption("session", "schedule", "case", "fund"), Member.Ben);
        Assert.Equal(8, suggested["type"]!.GetValue<int>());
        var choice = Assert.Single(suggested["data"]!["choices"]!.AsArray());
        Assert.Equal((1, "1. Funding gap (Ana)"), (choice!["value"]!.GetValue<int>(), choice["name"]!.GetValue<string>()));
        var sessions = await bot.InteractAsync(4, FocusedOption("session", "start", "id", ""), Member.Ben);
        Assert.Equal("Session 1, Funding gap", Assert.Single(sessions["data"]!["choices"]!.AsArray())!["name"]!.GetValue<string>());

        var start = await Interact(bot, 2, DiscordBot.SubCommand("session", "start", ("now", true)), Member.Ben);
        Assert.StartsWith("Session 1 has started", Content(start), StringComparison.Ordinal);
        await rest.WaitForAsync(r => r.Calls.Any(c => c.Method == "PATCH" && c.Path.EndsWith("tok-start/messages/@original", StringComparison.Ordinal)));
        var thread = rest.Calls.Single(c => c.Path == $"channels/{DiscordBot.Channel}/threads");
        var threadId = Assert.Single(rest.Threads);
        Assert.Equal("Session 1: Funding gap", thread.Body!["name"]!.GetValue<string>());
        Assert.Equal("Bot test-bot-token", thread.Authorization);
        var link = rest.Calls.Single(c => c.Method == "PATCH" && c.Path.EndsWith("tok-start/messages/@original", StringComparison.Ordinal)).Body!;
        Assert.Contains($"<#{threadId}>", link["content"]!.GetValue<string>(), StringComparison.Ordinal);
        // The first prompt goes to the thread after the start message links it.
        await rest.WaitForAsync(r => r.Calls.Any(c => c.Path == $"channels/{threadId}/messages"));
        var prompt = rest.Calls.Single(c => c.Path == $"channels/{threadId}/messages").Body!;
        Assert.StartsWith("**Session 1 · stage 1 of 6: Bring a real challenge", prompt["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["s:n:1:1", "s:e:1:1"], prompt["components"]![0]!["components"]!.AsArray().Select(b => b!["custom_id"]!.GetValue<string>()));
        var fromThread = await bot.InteractAsync(2, DiscordBot.SubCommand("session", "list"), Member.Chloe, thread: threadId);
        Assert.Contains("running, stage 1 of 6", Content(fromThread), StringComparison.Ordinal);

        var refused = await Interact(bot, 3, DiscordBot.Button("s:n:1:1"), Member.Chloe);
        Assert.Equal(64, refused["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("Only a facilitator", Content(refused), StringComparison.Ordinal);
        var forged = await Interact(bot, 3, DiscordBot.Button("s:n:1:1'; DROP TABLE sessions"), Member.Ben);
        Assert.Equal(64, forged["data"]!["flags"]!.GetValue<int>());

        var pressed = await bot.InteractAsync(3, DiscordBot.Button("s:n:1:1"), Member.Ben, id: "next1", thread: threadId);
        Assert.Equal(7, pressed["type"]!.GetValue<int>());
        Assert.Empty(pressed["data"]!["components"]!.AsArray());
        await rest.WaitForAsync(r => r.Calls.Any(c => c.Path == $"webhooks/{DiscordBot.ApplicationId}/tok-next1"));
        Assert.Contains("stage 2 of 6", rest.Calls.Single(c => c.Path == $"webhooks/{DiscordBot.ApplicationId}/tok-next1").Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("stage 3 of 6", await Say(bot, DiscordBot.Command("next"), Member.Ben), StringComparison.Ordinal);
        var asked = await Interact(bot, 2, DiscordBot.Command("ask", ("text", "@everyone how much is **missing**? <@100000000000000011>")), Member.Chloe);
        Assert.Equal(("Saved your clarifying question, Chloe.", 64), (Content(asked), asked["data"]!["flags"]!.GetValue<int>()));
        await Say(bot, DiscordBot.Command("next"), Member.Ben);
        await Say(bot, DiscordBot.Command("ask", ("text", "What would success look like?")), Member.Dan);
        await Say(bot, DiscordBot.Command("next"), Member.Ben);
        await Say(bot, DiscordBot.Command("idea", ("text", "Talk to the municipality")), Member.Chloe);
        await Say(bot, DiscordBot.Command("step", ("text", "Call them")), Member.Ana);
        await Say(bot, DiscordBot.Command("next"), Member.Ben);
        await Say(bot, DiscordBot.Command("learn", ("text", "Start early")), Member.Dan);
        var end = await Interact(bot, 2, DiscordBot.SubCommand("session", "end"), Member.Ben, id: "end");

        Assert.Contains("1 next step, 1 learning, 4 people took part", Content(end), StringComparison.Ordinal);
        // The summary follows the response and the thread is archived; neither waits for the other.
        await rest.WaitForAsync(r => r.Calls.Any(c => c.Method == "PATCH" && c.Path == $"channels/{threadId}"));
        await rest.WaitForAsync(r => r.Calls.Any(c => c.Path == $"webhooks/{DiscordBot.ApplicationId}/tok-end"));
        var summary = rest.Calls.Single(c => c.Path == $"webhooks/{DiscordBot.ApplicationId}/tok-end").Body!;
        var text = summary["content"]!.GetValue<string>();
        Assert.StartsWith("# Session 1 — Case 1: Funding gap", text, StringComparison.Ordinal);
        Assert.Matches(@"- \*\*When:\*\* <t:[0-9]+:F>, [0-9]+ min", text);
        Assert.Contains(@"@everyone how much is \*\*missing\*\*? \<@100000000000000011\>", text, StringComparison.Ordinal);
        Assert.True(rest.Calls.Single(c => c.Method == "PATCH" && c.Path == $"channels/{threadId}").Body!["archived"]!.GetValue<bool>());
        var echoes = rest.Calls.Where(c => c.Path == $"channels/{threadId}/messages").Select(c => c.Body!["content"]!.GetValue<string>()).ToList();
        Assert.Contains(@"@everyone how much is \*\*missing\*\*? \<@100000000000000011\>", string.Join("\n", echoes), StringComparison.Ordinal);
        SchemaChecker.AssertValidCalls(rest);
    }

    [Fact]
    public async Task CaseOpen_WithoutATitle_ShowsTheForm_AndItsSubmissionOpensTheCase()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);

        var form = await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open"), Member.Ana);
        SchemaChecker.AssertValid(form, "ModalInteractionCallbackRequest");
        Assert.Equal(9, form["type"]!.GetValue<int>());

        var submitted = await bot.InteractAsync(5, new JsonObject
        {
            ["custom_id"] = "case-open",
            ["components"] = new JsonArray(
                new JsonObject { ["type"] = 1, ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = "title", ["value"] = "Funding gap" }) },
                new JsonObject { ["type"] = 18, ["component"] = new JsonObject { ["type"] = 4, ["custom_id"] = "description", ["value"] = "Line one\nLine two" } }),
        }, Member.Ana);
        var foreign = await bot.InteractAsync(5, new JsonObject { ["custom_id"] = "someone-elses-form", ["components"] = new JsonArray() }, Member.Ana);

        Assert.StartsWith("Saved case 1: Funding gap", Content(submitted), StringComparison.Ordinal);
        Assert.Contains("Line one\nLine two", await Say(bot, DiscordBot.SubCommand("case", "show", ("id", 1)), Member.Ana), StringComparison.Ordinal);
        Assert.Equal(64, foreign["data"]!["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task SpentRateLimitBucket_IsWaitedOutBeforeTheNextCallOnThatRoute()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        await rest.WaitForAsync(r => r.Calls.Any(c => c.Method == "PUT"));
        var client = bot.Host.Services.GetRequiredService<DiscordRest>();
        rest.ExhaustBucketsFor = 0.5;

        await client.PostMessageAsync("42", new JsonObject { ["content"] = "one", ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() } }, CancellationToken.None);
        await client.PostMessageAsync("43", new JsonObject { ["content"] = "elsewhere", ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() } }, CancellationToken.None);
        await client.PostMessageAsync("42", new JsonObject { ["content"] = "two", ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() } }, CancellationToken.None);

        var times = rest.CallTimes.TakeLast(3).ToList();
        Assert.True(times[1] - times[0] < TimeSpan.FromSeconds(0.4), "another channel's bucket is not held up");
        Assert.True(times[2] - times[0] >= TimeSpan.FromSeconds(0.45), $"the same channel waited only {times[2] - times[0]}");
    }

    [Fact]
    public async Task SlowWork_IsDeferred_ThenCompletedThroughTheWebhook()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await DiscordBot.StartAsync(rest, services => HeldConvener.Install(services, gate.Task));

        var response = await Interact(bot, 2, DiscordBot.SubCommand("case", "open", ("title", "Slow one")), Member.Ana, id: "slow", expectDeferred: true);
        rest.RateLimitNext(1);
        gate.SetResult();

        Assert.Equal(5, response["type"]!.GetValue<int>());
        await rest.WaitForAsync(r => r.Calls.Any(c => c.Method == "PATCH" && c.Status == 200));
        var edits = rest.Calls.Where(c => c.Method == "PATCH").ToList();
        Assert.Equal([429, 200], edits.Select(c => c.Status));
        Assert.Equal($"webhooks/{DiscordBot.ApplicationId}/tok-slow/messages/@original", edits[1].Path);
        Assert.StartsWith("Saved case 1: Slow one", edits[1].Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        SchemaChecker.AssertValid(edits[1].Body, "IncomingWebhookUpdateRequestPartial");
    }

    private static async Task<string> Say(DiscordBot bot, JsonObject data, Member from) =>
        Content(await Interact(bot, 2, data, from));

    private static async Task<JsonObject> Interact(DiscordBot bot, int type, JsonObject data, Member from, string? id = null, bool expectDeferred = false)
    {
        var name = data["name"]?.GetValue<string>();
        var response = await bot.InteractAsync(type, data, from, id ?? (name == "session" && data["options"]![0]!["name"]!.GetValue<string>() == "start" ? "start" : null));
        Assert.Equal(expectDeferred ? 5 : 4, response["type"]!.GetValue<int>());

        return response;
    }

    private static JsonObject CaseFormSubmission(string title, string description) => new()
    {
        ["custom_id"] = "case-open",
        ["components"] = new JsonArray(
            new JsonObject { ["type"] = 1, ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = "title", ["value"] = title }) },
            new JsonObject { ["type"] = 1, ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = "description", ["value"] = description }) }),
    };

    private static JsonObject FocusedOption(string command, string sub, string option, string typed) => new()
    {
        ["id"] = "1",
        ["name"] = command,
        ["type"] = 1,
        ["options"] = new JsonArray(new JsonObject
        {
            ["name"] = sub,
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = option, ["type"] = 4, ["value"] = typed, ["focused"] = true }),
        }),
    };

    private static string Content(JsonObject response) => response["data"]!["content"]!.GetValue<string>();
}
