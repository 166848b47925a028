using ConvenerBot.Discord.Tests.Support;
using ConvenerBot.Testing;

namespace ConvenerBot.Discord.Tests;

/// <summary>After a restart only the store knows a session's thread: what belongs in the thread still goes there.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task AfterARestart_ContributionsTypedInTheChannel_AreEchoedInTheSessionsThread_AndEndArchivesIt()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        var bot = await DiscordBot.StartAsync(rest);
        try
        {
            await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ben);
            await bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2027-12-27 10:00"), ("case", 1)), Member.Ana);
            await bot.InteractAsync(2, DiscordBot.SubCommand("session", "start", ("now", true)), Member.Ana);
            await rest.WaitForAsync(r => r.Threads.Count == 1 && r.CallsTo("POST", $"channels/{r.Threads.Single()}/messages").Any());
            var thread = rest.Threads.Single();
            await Eventually.HoldsAsync(async () => await BotDatabase.ScalarAsync(bot.DatabasePath, "SELECT space FROM sessions") == thread, "the thread was not stored");
            await bot.InteractAsync(2, DiscordBot.Command("next"), Member.Ana);
            await bot.InteractAsync(2, DiscordBot.Command("next"), Member.Ana);

            bot = await bot.RestartAsync(rest);
            var ack = await bot.InteractAsync(2, DiscordBot.Command("ask", ("text", "What was tried before?")), Member.Chloe);
            await bot.InteractAsync(2, DiscordBot.SubCommand("session", "end"), Member.Ana);

            Assert.Equal("Saved your clarifying question, Chloe.", ack["data"]!["content"]!.GetValue<string>());
            await rest.WaitForAsync(r => r.CallsTo("PATCH", $"channels/{thread}").Any());
            var echo = Assert.Single(rest.Calls, c => c.Method == "POST" && c.Body?["content"]?.GetValue<string>().StartsWith("Chloe, clarifying question", StringComparison.Ordinal) == true);
            Assert.Equal(($"channels/{thread}/messages", "Chloe, clarifying question:\nWhat was tried before?"), (echo.Path, echo.Body!["content"]!.GetValue<string>()));
            Assert.True(rest.CallsTo("PATCH", $"channels/{thread}").Single().Body!["archived"]!.GetValue<bool>());
            SchemaChecker.AssertValidCalls(rest);
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }
}
