using System.Text.Json.Nodes;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Discord.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Discord.Tests;

/// <summary>
/// Server errors and dropped connections on every route Discord is called on are tried again with backoff;
/// when a route keeps failing past the deadline, the member still gets the answer another way, is told, or the loss is logged.
/// </summary>
public sealed class RestRetryTests
{
    private const int Forever = int.MaxValue;
    private const string Deadline = "--Discord:RetryDeadline=00:00:01";

    public static TheoryData<string, int> Failures()
    {
        var data = new TheoryData<string, int>();
        foreach (var route in new[] { "original", "followup", "thread", "message", "register", "delete", "archive", "dm" })
        {
            foreach (var times in new[] { 1, 3, Forever })
            {
                data.Add(route, times);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task FailingRoute_IsRetried_AndTheMemberIsStillAnswered(string route, int times)
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (route == "register")
        {
            rest.Fail("PUT", "applications/", times, status: 503);
        }

        // Held past the inline budget, so the answer is deferred.
        await using var bot = await DiscordBot.StartAsync(rest, route is "original" or "delete" or "dm" ? s => HeldConvener.Install(s, gate.Task) : null, Deadline);
        var (method, path) = route switch
        {
            "original" => ("PATCH", $"webhooks/{DiscordBot.ApplicationId}/tok-slow/messages/@original"),
            "followup" => ("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-end"),
            "thread" => ("POST", $"channels/{DiscordBot.Channel}/threads"),
            "message" => ("POST", "channels/70"),
            "delete" => ("DELETE", $"webhooks/{DiscordBot.ApplicationId}/tok-refused/messages/@original"),
            "dm" => ("POST", "users/@me/channels"),
            "archive" => ("PATCH", "channels/"),
            _ => ("PUT", $"applications/{DiscordBot.ApplicationId}/commands"),
        };

        switch (route)
        {
            case "original":
                // One of the failures is a dropped connection rather than a server error.
                rest.Fail(method, path, 1, status: 0);
                rest.Fail(method, path, times == Forever ? Forever : times - 1);
                Assert.Equal(5, (await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Slow one")), Member.Ana, id: "slow"))["type"]!.GetValue<int>());
                gate.SetResult();
                break;
            case "followup":
                await RunSessionAsync(bot, rest);
                rest.Fail(method, path, times);
                await bot.InteractAsync(2, DiscordBot.SubCommand("session", "end"), Member.Ana, id: "end");
                break;
            case "thread" or "message":
                rest.Fail(method, path, times, status: 502);
                await RunSessionAsync(bot, rest);
                break;
            case "delete" or "dm":
                // A public command, deferred in public, that turns out to be refused: its public message has to go.
                rest.Fail("DELETE", RefusedOriginal, route == "dm" ? Forever : times);
                if (route == "dm")
                {
                    rest.Fail(method, path, times);
                }

                Assert.Null((await bot.InteractAsync(2, DiscordBot.SubCommand("session", "start", ("now", true)), Member.Ben, id: "refused"))["data"]?["flags"]);
                gate.SetResult();
                break;
            case "archive":
                await RunSessionAsync(bot, rest);
                await rest.WaitForAsync(r => r.CallsTo("POST", $"channels/{r.Threads.SingleOrDefault()}/messages").Any());
                path = $"channels/{rest.Threads.Single()}";
                rest.Fail(method, path, times);
                await bot.InteractAsync(2, DiscordBot.SubCommand("session", "end"), Member.Ana, id: "end");
                break;
        }

        if (times != Forever)
        {
            await rest.WaitForAsync(r => r.Calls.Any(c => c.Method == method && c.Path.StartsWith(path, StringComparison.Ordinal) && c.Status == 200));
            var statuses = rest.Calls.Where(c => c.Method == method && c.Path.StartsWith(path, StringComparison.Ordinal)).Select(c => c.Status).ToList();
            Assert.Equal(times, statuses.Count(s => s != 200));
            Assert.Equal(200, statuses[times]);
        }

        switch (route, times)
        {
            case ("original", Forever):
                await rest.WaitForAsync(r => r.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-slow").Any());
                Assert.StartsWith("Saved case 1: Slow one", rest.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-slow").Single().Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
                break;
            case ("original", _):
                Assert.StartsWith("Saved case 1: Slow one", rest.CallsTo(method, path).Last().Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
                break;
            case ("followup", Forever):
                // The summary is public: posted in the channel as the bot instead.
                await rest.WaitForAsync(r => r.CallsTo("POST", $"channels/{DiscordBot.Channel}/messages").Any());
                Assert.StartsWith("# Session 1", rest.CallsTo("POST", $"channels/{DiscordBot.Channel}/messages").Single().Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
                break;
            case ("followup", _):
                Assert.StartsWith("# Session 1", rest.CallsTo(method, path).Last().Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
                break;
            case ("thread" or "message", Forever):
                // No thread (or none that takes messages): the first stage's prompt comes as a follow-up.
                await rest.WaitForAsync(r => r.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-start").Any());
                Assert.StartsWith("**Session 1 · stage 1", rest.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-start").Single().Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
                break;
            case ("thread" or "message", _):
                await rest.WaitForAsync(r => r.Calls.Any(c => c.Path.EndsWith("/messages", StringComparison.Ordinal) && c.Status == 200));
                var prompt = rest.Calls.Single(c => c.Path == $"channels/{rest.Threads.Single()}/messages" && c.Status == 200).Body!;
                Assert.StartsWith("**Session 1 · stage 1", prompt["content"]!.GetValue<string>(), StringComparison.Ordinal);
                break;
            case ("register", Forever):
                await WaitForLogAsync(bot, 5002);
                break;
            case ("register", _):
                Assert.DoesNotContain(bot.Logs.Entries, e => e.Id.Id == 5002);
                break;
            case ("delete", Forever) or ("dm", not Forever):
                // The public message stays: it says where the answer went, and the refusal goes by direct message.
                await rest.WaitForAsync(r => r.CallsTo("PATCH", RefusedOriginal).Any());
                Assert.Equal(
                    "I could not answer you privately here, so my answer is in your direct messages.",
                    rest.CallsTo("PATCH", RefusedOriginal).Single().Body!["content"]!.GetValue<string>());
                var direct = Assert.Single(rest.Calls, c => c.Method == "POST" && c.Path.EndsWith("/messages", StringComparison.Ordinal) && c.Status == 200).Body!;
                Assert.Contains("facilitator", direct["content"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.Equal(Member.Ben.Id, rest.Calls.Last(c => c.Path == "users/@me/channels").Body!["recipient_id"]!.GetValue<string>());
                Assert.Empty(rest.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-refused"));
                break;
            case ("delete", _):
                await rest.WaitForAsync(r => r.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-refused").Any());
                var refusal = rest.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-refused").Single().Body!;
                Assert.Equal(64, refusal["flags"]!.GetValue<int>());
                Assert.Contains("facilitator", refusal["content"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.Empty(rest.CallsTo("PATCH", RefusedOriginal));
                break;
            case ("dm", Forever):
                // Neither here nor in direct messages: the member is told in public, without the refusal's words.
                await rest.WaitForAsync(r => r.CallsTo("PATCH", RefusedOriginal).Any());
                Assert.Equal("I could not answer you privately just now. Please try again.", rest.CallsTo("PATCH", RefusedOriginal).Single().Body!["content"]!.GetValue<string>());
                Assert.DoesNotContain(rest.Calls, c => c.Method == "POST" && c.Path.EndsWith("/messages", StringComparison.Ordinal));
                Assert.Empty(rest.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-refused"));
                break;
            case ("archive", Forever):
                // The thread stays open; the end and its summary were delivered, and so are not posted again by the outbox.
                await WaitForLogAsync(bot, 5009);
                Assert.StartsWith("# Session 1", rest.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-end").Last().Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
                await Eventually.HoldsAsync(
                    async () => await BotDatabase.ScalarAsync(bot.DatabasePath, $"SELECT CAST(COUNT(*) AS TEXT) FROM due_work WHERE kind = '{Outbox.WorkKind}'") == "0",
                    "the answer was never settled");
                break;
            case ("archive", _):
                Assert.True(rest.CallsTo(method, path).Last().Body!["archived"]!.GetValue<bool>());
                break;
        }

        if (times == Forever && route != "register")
        {
            Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 5011);
        }

        SchemaChecker.AssertValidCalls(rest);
    }

    [Fact]
    public async Task GlobalRateLimit_DoesNotHoldTheInteractionWebhook()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        await rest.WaitForAsync(r => r.Calls.Any(c => c.Method == "PUT"));
        var client = bot.Host.Services.GetRequiredService<DiscordRest>();
        rest.GlobalRateLimit = true;
        // Far longer than the test: the held call is cancelled once the webhook call is through.
        rest.RetryAfter = 60;
        rest.RateLimitNext(1);
        using var giveUp = new CancellationTokenSource();

        var held = client.PostMessageAsync("42", Message("held"), giveUp.Token);
        await rest.WaitForAsync(r => r.Calls.Any(c => c.Status == 429));
        await client.FollowUpAsync("tok-free", Message("free"), DateTimeOffset.MaxValue, CancellationToken.None);
        var botRouteHeld = !held.IsCompleted;
        giveUp.Cancel();

        Assert.True(botRouteHeld, "the bot's own route waits out the global limit");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        var limited = rest.Timeline.Single(c => c.Status == 429);
        var free = rest.Timeline.Single(c => c.Path == $"webhooks/{DiscordBot.ApplicationId}/tok-free");
        Assert.Equal(("POST", "channels/42/messages"), (limited.Method, limited.Path));
        Assert.Equal(200, free.Status);
        Assert.True(free.At < limited.At + TimeSpan.FromSeconds(rest.RetryAfter), "the webhook was served before the global limit ended");
        Assert.Equal([429], rest.CallsTo("POST", "channels/42/messages").Select(c => c.Status));
    }

    [Fact]
    public async Task FollowUp_WhoseFirstAttemptTimesOut_IsNotPostedTwice()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest, null, "--Discord:RequestTimeout=00:00:02");
        var followUps = $"webhooks/{DiscordBot.ApplicationId}/tok-end";
        await RunSessionAsync(bot, rest);
        rest.Hang("POST", followUps, 1);

        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "end"), Member.Ana, id: "end");
        // The thread is archived after the summary has been sent (or given up).
        await rest.WaitForAsync(r => r.CallsTo("PATCH", $"channels/{r.Threads.Single()}").Any());

        var summaries = rest.Calls.Where(c => c.Method == "POST" && c.Body?["content"]?.GetValue<string>().StartsWith("# Session 1", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(followUps, Assert.Single(summaries).Path);
        Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 5007);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Id.Id == 5005);
    }

    [Fact]
    public async Task WebhookCall_OnceTheInteractionHasExpired_IsNotSent()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        var client = bot.Host.Services.GetRequiredService<DiscordRest>();

        var expired = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.FollowUpAsync("tok-old", Message("late"), expired, CancellationToken.None));

        Assert.Empty(rest.CallsTo("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-old"));
        Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 5013);
    }

    [Fact]
    public async Task WebhookRetries_EndWhenTheInteractionExpires_NotAtTheLaterRetryDeadline()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest, null, "--Discord:RetryDeadline=00:14:00");
        var client = bot.Host.Services.GetRequiredService<DiscordRest>();
        var path = $"webhooks/{DiscordBot.ApplicationId}/tok-late";
        rest.Fail("POST", path, Forever);

        var expires = DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        // Without the interaction's deadline the call would retry for 14 minutes; the bound only turns that into a failure.
        await Assert.ThrowsAsync<HttpRequestException>(() => client.FollowUpAsync("tok-late", Message("late"), expires, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.NotEmpty(rest.CallsTo("POST", path));
        Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 5011);
    }

    private static string RefusedOriginal => $"webhooks/{DiscordBot.ApplicationId}/tok-refused/messages/@original";

    private static JsonObject Message(string content) => new() { ["content"] = content, ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() } };

    private static async Task RunSessionAsync(DiscordBot bot, FakeDiscordRest rest)
    {
        await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ana);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2027-12-27 10:00"), ("case", 1)), Member.Ana);
        Assert.StartsWith("Session 1 has started", (await bot.InteractAsync(2, DiscordBot.SubCommand("session", "start", ("now", true)), Member.Ana, id: "start"))["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static Task WaitForLogAsync(DiscordBot bot, int eventId) =>
        Eventually.HoldsAsync(() => bot.Logs.Entries.Any(e => e.Id.Id == eventId), $"no log entry {eventId}");
}
