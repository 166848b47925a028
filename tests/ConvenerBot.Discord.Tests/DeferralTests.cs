using System.Diagnostics;
using ConvenerBot.Discord.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Discord.Tests;

/// <summary>Deferral: its visibility is decided before the engine runs, waiting for the store counts against the budget, and an unreachable store is retried.</summary>
public sealed class DeferralTests
{
    private static string Original(string id) => $"webhooks/{DiscordBot.ApplicationId}/tok-{id}/messages/@original";

    private static string FollowUps(string id) => $"webhooks/{DiscordBot.ApplicationId}/tok-{id}";

    [Fact]
    public async Task PrivateCommands_DeferPrivately_PublicOnesThatAreRefused_LoseTheirPublicMessage()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await DiscordBot.StartAsync(rest, services => HeldConvener.Install(services, gate.Task));

        var list = await bot.InteractAsync(2, DiscordBot.SubCommand("case", "list"), Member.Ben, id: "list");
        var start = await bot.InteractAsync(2, DiscordBot.SubCommand("session", "start", ("now", true)), Member.Ben, id: "start");
        gate.SetResult();

        Assert.Equal((5, 64), (list["type"]!.GetValue<int>(), list["data"]!["flags"]!.GetValue<int>()));
        Assert.Equal(5, start["type"]!.GetValue<int>());
        Assert.Null(start["data"]?["flags"]);
        await rest.WaitForAsync(r => r.CallsTo("POST", FollowUps("start")).Any() && r.CallsTo("PATCH", Original("list")).Any());
        Assert.Single(rest.CallsTo("DELETE", Original("start")));
        Assert.Empty(rest.CallsTo("PATCH", Original("start")));
        var refusal = Assert.Single(rest.CallsTo("POST", FollowUps("start"))).Body!;
        Assert.Equal(64, refusal["flags"]!.GetValue<int>());
        Assert.Contains("facilitator", refusal["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var deleteAt = rest.Calls.ToList().FindIndex(c => c.Method == "DELETE");
        var followUpAt = rest.Calls.ToList().FindIndex(c => c.Path == FollowUps("start"));
        Assert.True(deleteAt < followUpAt, "the public message goes before the private answer");
        Assert.StartsWith("No cases yet", Assert.Single(rest.CallsTo("PATCH", Original("list"))).Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        SchemaChecker.AssertValidCalls(rest);
    }

    [Fact]
    public async Task MeAndSummary_DeferPrivately_AndAreCompletedInTheirPrivateMessage()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await DiscordBot.StartAsync(rest, services => HeldConvener.Install(services, gate.Task));

        var me = await bot.InteractAsync(2, DiscordBot.Command("me"), Member.Ben, id: "me");
        var summary = await bot.InteractAsync(2, DiscordBot.Command("summary", ("id", 1)), Member.Ben, id: "summary");
        gate.SetResult();

        Assert.Equal((5, 64), (me["type"]!.GetValue<int>(), me["data"]!["flags"]!.GetValue<int>()));
        Assert.Equal((5, 64), (summary["type"]!.GetValue<int>(), summary["data"]!["flags"]!.GetValue<int>()));
        await rest.WaitForAsync(r => r.CallsTo("PATCH", Original("me")).Any() && r.CallsTo("PATCH", Original("summary")).Any());
        Assert.Contains("a member", rest.CallsTo("PATCH", Original("me")).Single().Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("There is no session 1", rest.CallsTo("PATCH", Original("summary")).Single().Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(rest.Calls, c => c.Method == "DELETE");
        Assert.Empty(rest.CallsTo("POST", FollowUps("me")));
        SchemaChecker.AssertValidCalls(rest);
    }

    [Fact]
    public async Task WaitingForTheSqliteWriterLock_CountsAgainstTheBudget_AndTheAnswerFollowsOnceItIsFree()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        await using var holder = new SqliteConnection($"Data Source={bot.DatabasePath}");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        // Answered while the lock is still held: only a deferral can do that.
        var response = await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Locked out")), Member.Ana, id: "locked");
        await using (var commit = holder.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }

        Assert.Equal(5, response["type"]!.GetValue<int>());
        await rest.WaitForAsync(r => r.CallsTo("PATCH", Original("locked")).Any());
        Assert.StartsWith("Saved case 1: Locked out", rest.CallsTo("PATCH", Original("locked")).Single().Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableStore_IsRetried_ThenTheDeferredAnswerIsCompleted()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest, services => UnavailableStoreConvener.Install(services, times: 3));

        var response = await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Kept")), Member.Ana, id: "kept");

        Assert.Equal(5, response["type"]!.GetValue<int>());
        await rest.WaitForAsync(r => r.CallsTo("PATCH", Original("kept")).Any());
        Assert.StartsWith("Saved case 1: Kept", rest.CallsTo("PATCH", Original("kept")).Single().Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreUnreachableForTooLong_TellsTheMemberPrivately_ThatNothingWasSaved()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest, services => UnavailableStoreConvener.Install(services, times: int.MaxValue), "--Discord:StoreRetryFor=00:00:00.300");

        var response = await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Lost")), Member.Ana, id: "lost");

        Assert.Equal(5, response["type"]!.GetValue<int>());
        await rest.WaitForAsync(r => r.CallsTo("POST", FollowUps("lost")).Any());
        Assert.Single(rest.CallsTo("DELETE", Original("lost")));
        var told = rest.CallsTo("POST", FollowUps("lost")).Single().Body!;
        Assert.Equal(64, told["flags"]!.GetValue<int>());
        Assert.StartsWith("I could not reach my store for 1 second, so nothing was saved", told["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("nothing was saved", told["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 5006);
    }

    [Fact]
    public async Task StoreRetryStillPending_WhenTheBotStops_IsLoggedAsLost_AndNothingIsUnobserved()
    {
        var unobserved = new List<Exception>();
        void Record(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.ToString().Contains("ConvenerBot.Discord", StringComparison.Ordinal))
            {
                lock (unobserved)
                {
                    unobserved.Add(e.Exception);
                }
            }
        }

        await using var rest = await FakeDiscordRest.StartAsync();
        // The first retry of the store waits 15-30 s: it is still waiting when the bot stops.
        await using var bot = await DiscordBot.StartAsync(rest, services => UnavailableStoreConvener.Install(services, times: int.MaxValue), "--Discord:RetryBaseDelay=00:00:30");
        var work = bot.Host.Services.GetRequiredService<InteractionWork>();
        TaskScheduler.UnobservedTaskException += Record;
        try
        {
            var response = await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Cut short")), Member.Ana, id: "cut");
            await Eventually.HoldsAsync(() => work.Pending == 1);

            await bot.Host.StopAsync();
            GC.Collect();
            GC.WaitForPendingFinalizers();

            Assert.Equal(5, response["type"]!.GetValue<int>());
            Assert.Equal(0, work.Pending);
            var lost = Assert.Single(bot.Logs.Entries, e => e.Id.Id == 5021);
            Assert.Contains("cut", lost.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("tok-cut", lost.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(bot.Logs.Entries, e => e.Id.Id is 5001 or 5020);
            Assert.Empty(rest.CallsTo("PATCH", Original("cut")));
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Record;
        }

        Assert.Empty(unobserved);
    }
}
