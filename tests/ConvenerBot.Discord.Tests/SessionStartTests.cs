using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Discord.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Discord.Tests;

/// <summary>
/// A session's start notice through the real Discord paths: posted in the channel with a Start button that
/// only a facilitator can use; pressing it opens the session's thread, which is stored, so the stage's
/// time-up notice (with Next and Extend) goes there; a deleted thread sends it to the channel instead.
/// </summary>
public sealed class SessionStartTests
{
    [Fact]
    public async Task StartNotice_StartButton_ThenTimerNoticeInTheStoredThread_WithExtend()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ana);
        await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2030-01-05 10:00"), ("case", 1)), Member.Dan);
        var dispatcher = bot.Host.Services.GetRequiredService<DueWorkDispatcher>();

        await BotDatabase.MakeDueAsync(bot.DatabasePath, SessionStarts.WorkKind, "notice");
        await dispatcher.RunDueAsync(CancellationToken.None);

        var notice = Assert.Single(rest.Calls, c => c.Method == "POST" && c.Path == $"channels/{DiscordBot.Channel}/messages");
        Assert.Contains("Session 1 is due to start now", notice.Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("s:a:1:1", notice.Body!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>());

        var refused = await bot.InteractAsync(3, DiscordBot.Button("s:a:1:1"), Member.Chloe);
        Assert.Equal(64, refused["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("Only a facilitator or an organizer can start sessions", refused["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(rest.Threads);

        var pressed = await bot.InteractAsync(3, DiscordBot.Button("s:a:1:1"), Member.Dan);
        Assert.Equal(7, pressed["type"]!.GetValue<int>());
        await rest.WaitForAsync(r => r.Threads.Count == 1 && r.CallsTo("POST", $"channels/{r.Threads.First()}/messages").Any());
        var thread = rest.Threads.First();
        var prompt = Assert.Single(rest.CallsTo("POST", $"channels/{thread}/messages"));
        Assert.Contains("Session 1 · stage 1 of 6", prompt.Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(thread, await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT space FROM sessions"));

        await BotDatabase.MakeDueAsync(bot.DatabasePath, StageTimers.WorkKind, "0");
        await dispatcher.RunDueAsync(CancellationToken.None);
        var up = rest.CallsTo("POST", $"channels/{thread}/messages").Last();
        Assert.Contains("Time is up for stage 1 of session 1", up.Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["s:n:1:1", "s:t:1:1"], up.Body!["components"]![0]!["components"]!.AsArray().Select(b => b!["custom_id"]!.GetValue<string>()));

        var member = await bot.InteractAsync(3, DiscordBot.Button("s:t:1:1"), Member.Chloe, thread: thread);
        Assert.Contains("Only a facilitator", member["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        await bot.InteractAsync(3, DiscordBot.Button("s:t:1:1"), Member.Dan, thread: thread);
        await rest.WaitForAsync(r => r.Calls.Any(c => c.Body?.ToJsonString().Contains("Stage 1 now has 10 more minutes", StringComparison.Ordinal) == true));

        // The thread is deleted: the next notice goes to the channel, and the thread is forgotten.
        rest.Fail("POST", $"channels/{thread}/messages", 1, 404);
        await BotDatabase.MakeDueAsync(bot.DatabasePath, StageTimers.WorkKind, "0");
        await dispatcher.RunDueAsync(CancellationToken.None);
        var fallback = rest.CallsTo("POST", $"channels/{DiscordBot.Channel}/messages").Last();
        Assert.Contains("Time is up for stage 1 of session 1", fallback.Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT space FROM sessions"));
        SchemaChecker.AssertValidCalls(rest);
    }
}
