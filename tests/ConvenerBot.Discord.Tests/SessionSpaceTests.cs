using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Discord.Tests;

/// <summary>The session's thread, contribution forms, stage and page buttons, the slash help and the options' limits.</summary>
public sealed class SessionSpaceTests : BotTestBase
{
    private JsonObject _lastPrompt = null!;

    [Fact]
    public async Task ContributionButton_OpensAForm_ItsTextIsShownInTheThreadAsTheBot_AndTheContributorIsAcknowledgedPrivately()
    {
        var thread = await StartAsync();
        await Next();
        var stage3 = (await Next())["data"]!;

        Assert.Contains("stage 3 of 6", stage3["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var contribute = stage3["components"]![1]!["components"]![0]!;
        Assert.Equal(("c:ask:1:3", "Ask a question"), (contribute["custom_id"]!.GetValue<string>(), contribute["label"]!.GetValue<string>()));
        var form = await Bot.InteractAsync(3, DiscordBot.Button("c:ask:1:3"), Member.Chloe, thread: thread);
        Assert.Equal(9, form["type"]!.GetValue<int>());
        Assert.Equal("c:ask:1:3", form["data"]!["custom_id"]!.GetValue<string>());
        Assert.Equal(4000, form["data"]!["components"]![0]!["components"]![0]!["max_length"]!.GetValue<int>());

        var ack = await Bot.InteractAsync(5, Submitted("c:ask:1:3", "@everyone what is **missing**? <@100000000000000011>"), Member.Chloe, thread: thread);
        var stale = await Bot.InteractAsync(5, Submitted("c:ask:1:2", "Too late"), Member.Chloe, thread: thread);

        Assert.Equal(("Saved your clarifying question, Chloe.", 64), (Content(ack), ack["data"]!["flags"]!.GetValue<int>()));
        Assert.Equal(64, stale["data"]!["flags"]!.GetValue<int>());
        await Rest.WaitForAsync(r => r.CallsTo("POST", $"channels/{thread}/messages").Count() > 1);
        var echo = Rest.CallsTo("POST", $"channels/{thread}/messages").Last();
        Assert.Equal("Bot test-bot-token", echo.Authorization);
        Assert.Equal("Chloe, clarifying question:\n@everyone what is \\*\\*missing\\*\\*? \\<@100000000000000011\\>", echo.Body!["content"]!.GetValue<string>());
        Assert.Null(echo.Body["flags"]);
        Assert.DoesNotContain(Rest.Calls, c => c.Body is JsonObject body && body["content"]?.GetValue<string>().Contains("Too late", StringComparison.Ordinal) == true);
        SchemaChecker.AssertValidCalls(Rest);
    }

    [Fact]
    public async Task AddAnIdeaButton_UnderAStageThatTakesIdeas_OpensTheForm_AndTheIdeaIsShownInTheThread()
    {
        var thread = await StartAsync();
        for (var i = 0; i < 4; i++)
        {
            await Next();
        }

        Assert.Contains("stage 5 of 6", _lastPrompt["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var idea = _lastPrompt["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray())
            .Single(b => b!["label"]?.GetValue<string>() == "Add an idea")!;
        var customId = idea["custom_id"]!.GetValue<string>();
        Assert.Equal("c:idea:1:5", customId);
        var form = await Bot.InteractAsync(3, DiscordBot.Button(customId), Member.Chloe, thread: thread);
        Assert.Equal((9, customId), (form["type"]!.GetValue<int>(), form["data"]!["custom_id"]!.GetValue<string>()));

        var ack = await Bot.InteractAsync(5, Submitted(customId, "Ask the board for a bridge grant"), Member.Chloe, thread: thread);

        Assert.Equal(("Saved your idea, Chloe.", 64), (Content(ack), ack["data"]!["flags"]!.GetValue<int>()));
        await Rest.WaitForAsync(r => r.CallsTo("POST", $"channels/{thread}/messages").Any(c => c.Body!["content"]!.GetValue<string>().Contains("bridge grant", StringComparison.Ordinal)));
        var echo = Rest.CallsTo("POST", $"channels/{thread}/messages").Last().Body!;
        Assert.Equal("Chloe, idea:\nAsk the board for a bridge grant", echo["content"]!.GetValue<string>());
        Assert.Null(echo["flags"]);
        SchemaChecker.AssertValidCalls(Rest);
    }

    [Fact]
    public async Task MovingOn_TakesTheButtonsOffEarlierPrompts_InTheThreadAndInTheChannel()
    {
        var thread = await StartAsync();
        await Rest.WaitForAsync(r => r.CallsTo("POST", $"channels/{thread}/messages").Any());
        Assert.Empty(ButtonEdits());

        // Stage 1's prompt was posted in the thread by the bot: moving on takes its buttons off there.
        await Next();
        await Rest.WaitForAsync(r => ButtonEdits().Any(e => e.Path.StartsWith($"channels/{thread}/messages/", StringComparison.Ordinal)));

        // Stage 2's prompt was the inline answer to /next in the channel: its id is asked for, and it loses its buttons too.
        await Rest.WaitForAsync(r => r.Calls.Any(c => c.Method == "GET" && c.Path.EndsWith("/messages/@original", StringComparison.Ordinal)));
        await Next();
        await Rest.WaitForAsync(r => ButtonEdits().Any(e => e.Path.StartsWith($"channels/{DiscordBot.Channel}/messages/", StringComparison.Ordinal)));
        Assert.All(ButtonEdits(), e => Assert.Empty(e.Body!["components"]!.AsArray()));
        SchemaChecker.AssertValidCalls(Rest);
    }

    [Fact]
    public async Task StageButtons_UpdateThePressedPrompt_StalePressesAreRefused_EndAsksFirst_AndTheThreadIsArchived()
    {
        var thread = await StartAsync();

        var pressed = await Bot.InteractAsync(3, DiscordBot.Button("s:n:1:1"), Member.Ana, id: "n1", thread: thread);
        var stale = await Bot.InteractAsync(3, DiscordBot.Button("s:n:1:1"), Member.Ana, id: "n1again", thread: thread);

        Assert.Equal(7, pressed["type"]!.GetValue<int>());
        Assert.Empty(pressed["data"]!["components"]!.AsArray());
        Assert.Null(pressed["data"]!["content"]);
        await Rest.WaitForAsync(r => r.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-n1").Any());
        var next = Rest.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-n1").Single().Body!;
        Assert.Contains("stage 2 of 6", next["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(next["flags"]);
        Assert.Equal((4, 64), (stale["type"]!.GetValue<int>(), stale["data"]!["flags"]!.GetValue<int>()));

        for (var i = 0; i < 4; i++)
        {
            await Next();
        }

        var last = _lastPrompt;
        Assert.Contains("stage 6 of 6", last["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["s:b:1:6", "s:e:1:6"], last["components"]![0]!["components"]!.AsArray().Select(b => b!["custom_id"]!.GetValue<string>()));

        var confirm = await Bot.InteractAsync(3, DiscordBot.Button("s:e:1:6"), Member.Ana, thread: thread);
        Assert.Equal((4, 64), (confirm["type"]!.GetValue<int>(), confirm["data"]!["flags"]!.GetValue<int>()));
        var yes = confirm["data"]!["components"]![0]!["components"]![0]!;
        Assert.Equal(("s:x:1:6", "Yes, end session"), (yes["custom_id"]!.GetValue<string>(), yes["label"]!.GetValue<string>()));
        Assert.Contains("running, stage 6 of 6", await Say(DiscordBot.SubCommand("session", "list"), Member.Chloe), StringComparison.Ordinal);

        var ended = await Bot.InteractAsync(3, DiscordBot.Button("s:x:1:6"), Member.Ana, id: "x", thread: thread);

        Assert.Equal(7, ended["type"]!.GetValue<int>());
        await Rest.WaitForAsync(r => r.CallsTo("PATCH", $"channels/{thread}").Any());
        var after = Rest.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-x").Select(c => c.Body!).ToList();
        Assert.StartsWith("Session 1 has ended", after[0]["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("# Session 1", after[1]["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(after, a => Assert.Null(a["flags"]));
        Assert.True(Rest.CallsTo("PATCH", $"channels/{thread}").Single().Body!["archived"]!.GetValue<bool>());
        var archivedAt = Rest.Calls.ToList().FindIndex(c => c.Path == $"channels/{thread}" && c.Method == "PATCH");
        Assert.True(archivedAt > Rest.Calls.ToList().FindLastIndex(c => c.Path == $"webhooks/{DiscordBot.ApplicationId}/tok-x"), "archived after the summary");
        var summary = await Bot.InteractAsync(2, DiscordBot.Command("summary", ("id", 1)), Member.Ana);
        Assert.Equal(64, summary["data"]!["flags"]!.GetValue<int>());
        Assert.StartsWith("# Session 1", Content(summary), StringComparison.Ordinal);
        SchemaChecker.AssertValidCalls(Rest);
    }

    [Fact]
    public async Task CaseList_OfManyCases_IsOnePrivatePage_AndItsButtonsTurnThePage()
    {
        var convener = Bot.Host.Services.GetRequiredService<IConvener>();
        for (var i = 1; i <= 150; i++)
        {
            var inbound = new Inbound(new ConversationRef("discord", DiscordBot.Channel), "#peer-circle", new MemberRef("discord", Member.Ben.Id), "Ben", false, "")
            {
                Command = new OpenCaseCommand($"Case {i}", null),
            };
            Assert.False((await convener.HandleAsync(inbound, CancellationToken.None)).Refused);
        }

        var list = await Bot.InteractAsync(2, DiscordBot.SubCommand("case", "list"), Member.Chloe, id: "list");
        var page2 = await Bot.InteractAsync(3, DiscordBot.Button("p:cases:2"), Member.Chloe, id: "page2");

        Assert.Equal((4, 64), (list["type"]!.GetValue<int>(), list["data"]!["flags"]!.GetValue<int>()));
        Assert.StartsWith("Cases, page 1 of 8:", Content(list), StringComparison.Ordinal);
        Assert.Equal(["p:cases:2"], Buttons(list["data"]!));
        Assert.Equal(7, page2["type"]!.GetValue<int>());
        Assert.StartsWith("Cases, page 2 of 8:", Content(page2), StringComparison.Ordinal);
        Assert.Contains("21\\. Case 21", Content(page2), StringComparison.Ordinal);
        Assert.Equal(["p:cases:1", "p:cases:3"], Buttons(page2["data"]!));
        Assert.True(Content(list).Length <= 2000);
        Assert.DoesNotContain(Rest.Calls, c => c.Path.StartsWith("webhooks/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThreadName_IsCutWithinDiscordsLimit_WithoutSplittingACharacter()
    {
        var title = string.Concat(Enumerable.Repeat("👍🏽", 50));
        await Say(DiscordBot.SubCommand("case", "open", ("title", title)), Member.Ben);
        await Say(DiscordBot.SubCommand("session", "schedule", ("when", "2027-12-27 10:00"), ("case", 1)), Member.Ana);

        await Say(DiscordBot.SubCommand("session", "start", ("now", true)), Member.Ana);

        await Rest.WaitForAsync(r => r.Calls.Any(c => c.Path.EndsWith("/threads", StringComparison.Ordinal)));
        var name = Rest.Calls.Single(c => c.Path.EndsWith("/threads", StringComparison.Ordinal)).Body!["name"]!.GetValue<string>();
        Assert.InRange(name.Length, 90, 100);
        Assert.EndsWith("👍🏽", name, StringComparison.Ordinal);
        Assert.Equal(name, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public async Task Help_ShowsSlashSyntax_AndEveryTextOptionDeclaresItsLimit()
    {
        var help = await Bot.InteractAsync(2, DiscordBot.Command("help"), Member.Chloe);
        await Rest.WaitForAsync(r => r.Calls.Any(c => c.Method == "PUT"));

        Assert.Equal(64, help["data"]!["flags"]!.GetValue<int>());
        Assert.StartsWith("Commands (type / and pick one", Content(help), StringComparison.Ordinal);
        var embeds = help["data"]!["embeds"]!.AsArray().Select(e => e!["description"]!.GetValue<string>()).ToList();
        Assert.All(embeds, e => Assert.InRange(e.Length, 1, 4096));
        var commands = string.Join("\n", embeds);
        Assert.Contains("`/session schedule when:… [case:…] [protocol:…]`", commands, StringComparison.Ordinal);
        Assert.Contains("`/role role:… member:…`", commands, StringComparison.Ordinal);
        Assert.Contains("`/settings [setting:…] [value:…]`", commands, StringComparison.Ordinal);
        Assert.Contains("`/rsvp id:… answer:… [title:…]`", commands, StringComparison.Ordinal);
        var options = Rest.Calls.Single(c => c.Method == "PUT").Body!.AsArray()
            .SelectMany(c => Flatten(c!.AsObject())).Where(o => o["type"]!.GetValue<int>() == 3 && o["choices"] is null).ToList();
        Assert.All(options, o => Assert.NotNull(o["max_length"]));
        Assert.All(options.Where(o => o["name"]!.GetValue<string>() == "title"), o => Assert.Equal(200, o["max_length"]!.GetValue<int>()));
        Assert.All(options.Where(o => o["name"]!.GetValue<string>() is "text" or "description"), o => Assert.Equal(4000, o["max_length"]!.GetValue<int>()));
    }

    /// <summary>Opens a case and starts a session for it; returns the session's thread.</summary>
    private async Task<string> StartAsync()
    {
        await Say(DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ben);
        await Say(DiscordBot.SubCommand("session", "schedule", ("when", "2027-12-27 10:00"), ("case", 1)), Member.Ana);
        await Say(DiscordBot.SubCommand("session", "start", ("now", true)), Member.Ana);
        await Rest.WaitForAsync(r => r.Calls.Any(c => c.Path.StartsWith("channels/70", StringComparison.Ordinal)));
        return Rest.Threads.Single();
    }

    private async Task<JsonObject> Next()
    {
        var response = await Bot.InteractAsync(2, DiscordBot.Command("next"), Member.Ana);
        _lastPrompt = response["data"]!.AsObject();
        return response;
    }

    private static JsonObject Submitted(string customId, string text) => new()
    {
        ["custom_id"] = customId,
        ["components"] = new JsonArray(new JsonObject
        {
            ["type"] = 18,
            ["component"] = new JsonObject { ["type"] = 4, ["custom_id"] = "text", ["value"] = text },
        }),
    };

    /// <summary>Edits of the bot's own messages (buttons taken off).</summary>
    private List<(string Method, string Path, JsonNode? Body, string? Authorization, int Status)> ButtonEdits() =>
        [.. Rest.Calls.Where(c => c.Method == "PATCH" && c.Path.StartsWith("channels/", StringComparison.Ordinal) && c.Path.Contains("/messages/", StringComparison.Ordinal))];

    private async Task<string> Say(JsonObject data, Member from) => Content(await Bot.InteractAsync(2, data, from));

    private static string Content(JsonObject response) => response["data"]!["content"]!.GetValue<string>();

    private static List<string> Buttons(JsonNode message) =>
        [.. message["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray()).Select(b => b!["custom_id"]!.GetValue<string>())];

    private static IEnumerable<JsonObject> Flatten(JsonObject node) =>
        node["options"] is JsonArray options ? options.OfType<JsonObject>().SelectMany(o => new[] { o }.Concat(Flatten(o))) : [];
}
