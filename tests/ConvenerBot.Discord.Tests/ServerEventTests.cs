using System.Text.Json.Nodes;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Discord.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Discord.Tests;

/// <summary>
/// Each session is mirrored as one of the server's scheduled events, through the real paths (signed
/// interactions, due work, the fake REST server): made when it is scheduled, with its planned times, a name
/// without its case or members and a link to the channel; cancelled, started and ended with it; a missing
/// permission is told to the group once while the sessions go on; a server error is tried again later.
/// </summary>
public sealed class ServerEventTests
{
    private static readonly string Events = $"guilds/{FakeDiscordRest.Guild}/scheduled-events";

    [Fact]
    public async Task Scheduling_MakesOneEvent_WithTheSessionsTimes_AndCancellingCancelsIt()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Secret merger worries")), Member.Ana);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-05 10:00"), ("case", 1)), Member.Dan);
        await RunDueAsync(bot);
        await Eventually.HoldsAsync(async () => await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT event_id FROM session_events") is not null);

        var created = Assert.Single(rest.EventCalls);
        Assert.Equal(("POST", Events, 200), (created.Method, created.Path, created.Status));
        var body = created.Body!.AsObject();
        var title = await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT title FROM groups");
        var minutes = bot.Host.Services.GetRequiredService<ProtocolCatalog>().Default.Stages.Sum(s => s.Minutes);
        Assert.Equal($"{title}: session 1", body["name"]!.GetValue<string>());
        Assert.Equal("2030-01-05T10:00:00Z", body["scheduled_start_time"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2030, 1, 5, 10, 0, 0, TimeSpan.Zero).AddMinutes(minutes), DateTimeOffset.Parse(body["scheduled_end_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((3, 2), (body["entity_type"]!.GetValue<int>(), body["privacy_level"]!.GetValue<int>()));
        Assert.Equal($"https://discord.com/channels/{FakeDiscordRest.Guild}/{DiscordBot.Channel}", body["entity_metadata"]!["location"]!.GetValue<string>());
        Assert.False(body.ContainsKey("recurrence_rule"));
        Assert.False(body.ContainsKey("channel_id"));
        foreach (var secret in new[] { "Secret", "merger", "Ana", "Dan" })
        {
            Assert.DoesNotContain(secret, body.ToJsonString(), StringComparison.Ordinal);
        }

        var eventId = await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT event_id FROM session_events");
        Assert.NotNull(eventId);

        // Work that comes again (a restart, a second instance) edits the same event rather than making another.
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "cancel", ("id", 1)), Member.Dan);
        await RunDueAsync(bot);
        await Eventually.HoldsAsync(async () => await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT status FROM session_events") == "cancelled");
        var cancelled = Assert.Single(rest.EventCalls, c => c.Method == "PATCH");
        Assert.Equal($"{Events}/{eventId}", cancelled.Path);
        Assert.Equal(4, cancelled.Body!["status"]!.GetValue<int>());
        Assert.Single(rest.EventCalls, c => c.Method == "POST");
        Assert.Equal("cancelled", await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT status FROM session_events"));
        SchemaChecker.AssertValidCalls(rest);
    }

    [Fact]
    public async Task StartingAndEnding_MoveTheEventsStatus_AndItLinksTheThread()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ana);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-05 10:00"), ("case", 1)), Member.Dan);
        await RunDueAsync(bot);
        await Eventually.HoldsAsync(async () => await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT event_id FROM session_events") is not null);
        var eventId = await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT event_id FROM session_events");

        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "start", ("id", 1), ("now", true)), Member.Dan);
        await rest.WaitForAsync(r => r.Threads.Count == 1);
        var thread = rest.Threads.First();
        await Eventually.HoldsAsync(async () => await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT space FROM sessions") == thread);
        // Starting asks the dispatcher to run at once; it may be on it already.
        await RunDueAsync(bot);
        await rest.WaitForAsync(r => r.EventCalls.Any(c => c.Body?["entity_metadata"]?["location"]?.GetValue<string>().EndsWith(thread, StringComparison.Ordinal) == true));
        await Eventually.HoldsAsync(async () => await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT status FROM session_events") == "running");

        var patches = rest.EventCalls.Where(c => c.Method == "PATCH").ToList();
        Assert.All(patches, p => Assert.Equal($"{Events}/{eventId}", p.Path));
        Assert.Contains(patches, p => p.Body!["status"]?.GetValue<int>() == 2);
        Assert.Equal($"https://discord.com/channels/{FakeDiscordRest.Guild}/{thread}", patches[^1].Body!["entity_metadata"]!["location"]!.GetValue<string>());
        Assert.Equal("running", await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT status FROM session_events"));

        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "end"), Member.Dan);
        await RunDueAsync(bot);
        await rest.WaitForAsync(r => r.EventCalls.Any(c => c.Body?["status"]?.GetValue<int>() == 3));
        await Eventually.HoldsAsync(async () => await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT status FROM session_events") == "ended");
        var ended = rest.EventCalls.Last();
        Assert.Equal(("PATCH", $"{Events}/{eventId}", 3), (ended.Method, ended.Path, ended.Body!["status"]!.GetValue<int>()));
        Assert.Single(rest.EventCalls, c => c.Method == "POST");
        Assert.Equal("ended", await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT status FROM session_events"));
        SchemaChecker.AssertValidCalls(rest);
    }

    [Fact]
    public async Task WithoutThePermission_TheGroupIsToldOnce_AndAgainOnlyAfterASuccess()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        rest.Fail("POST", Events, 2, 403);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-05 10:00")), Member.Dan);
        await RunDueAsync(bot);
        await rest.WaitForAsync(r => Notices(r) == 1);
        var second = await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-12 10:00")), Member.Dan);
        await RunDueAsync(bot);
        await rest.WaitForAsync(r => r.EventCalls.Count(c => c.Status == 403) == 2);

        Assert.StartsWith("Saved: session 2", second["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, rest.EventCalls.Count(c => c.Status == 403));
        Assert.Equal(1, Notices(rest));
        Assert.Null(await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT event_id FROM session_events"));

        // The permission is given: the next session has its event; taken away again, the group is told again.
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-19 10:00")), Member.Dan);
        await RunDueAsync(bot);
        await Eventually.HoldsAsync(async () => await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT event_id FROM session_events") is not null);
        Assert.Single(rest.EventCalls, c => c.Status == 200);
        rest.Fail("POST", Events, 1, 403);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-26 10:00")), Member.Dan);
        await RunDueAsync(bot);
        await rest.WaitForAsync(r => Notices(r) == 2);
        SchemaChecker.AssertValidCalls(rest);
    }

    [Fact]
    public async Task AServerError_IsTriedAgainLater_ByTheDueWork()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest, null, "--Discord:RetryDeadline=00:00:00.050");
        rest.Fail("POST", Events, 1000, 500);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-05 10:00")), Member.Dan);
        await RunDueAsync(bot);

        // Released for a retry (the background dispatcher may be the one that ran it).
        await Eventually.HoldsAsync(async () =>
            await BotDatabase.ScalarAsync(bot.DatabasePath, $"SELECT CAST(attempts AS TEXT) FROM due_work WHERE kind = '{SessionMirror.WorkKind}'") == "1");
        Assert.NotEmpty(rest.EventCalls);
        Assert.All(rest.EventCalls, c => Assert.Equal(500, c.Status));
        Assert.Null(await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT event_id FROM session_events"));
        Assert.Equal(0, Notices(rest));

        rest.ClearFailures();
        await BotDatabase.MakeDueAsync(bot.DatabasePath, SessionMirror.WorkKind);
        await RunDueAsync(bot);
        await Eventually.HoldsAsync(async () => await BotDatabase.ScalarAsync(bot.DatabasePath, $"SELECT kind FROM due_work WHERE kind = '{SessionMirror.WorkKind}'") is null);
        Assert.Single(rest.EventCalls, c => c.Method == "POST" && c.Status == 200);
        Assert.NotNull(await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT event_id FROM session_events"));
        Assert.Null(await BotDatabase.ScalarAsync(bot.DatabasePath, $"SELECT kind FROM due_work WHERE kind = '{SessionMirror.WorkKind}'"));
        SchemaChecker.AssertValidCalls(rest);
    }

    private static Task<int> RunDueAsync(DiscordBot bot) =>
        bot.Host.Services.GetRequiredService<DueWorkDispatcher>().RunDueAsync(CancellationToken.None);

    private static int Notices(FakeDiscordRest rest) =>
        rest.CallsTo("POST", $"channels/{DiscordBot.Channel}/messages")
            .Count(c => c.Body!["content"]!.GetValue<string>().Contains("I need the Create Events or Manage Events permission", StringComparison.Ordinal));
}
