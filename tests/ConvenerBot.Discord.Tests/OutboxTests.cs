using System.Text.Json.Nodes;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Discord.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Discord.Tests;

/// <summary>
/// An answer Discord would take neither through the interaction nor in the channel is not lost: the outbox
/// posts it in the channel later, once, with a nonce of its own so a repeat is dropped by Discord.
/// </summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task AnswerRefusedEverywhereAtFirst_IsPostedFromTheOutbox_InTheChannel_Once()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await DiscordBot.StartAsync(rest, services => HeldConvener.Install(services, gate.Task));
        var original = $"webhooks/{DiscordBot.ApplicationId}/tok-open/messages/@original";
        var channel = $"channels/{DiscordBot.Channel}/messages";
        rest.Fail("PATCH", original, times: 1, status: 404);
        rest.Fail("POST", $"webhooks/{DiscordBot.ApplicationId}/tok-open", times: 1, status: 404);
        rest.Fail("POST", channel, times: 1, status: 400);

        // Deferred (the engine is held past the inline budget), then every way of answering is refused.
        var response = await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ana, id: "open");
        Assert.Equal(5, response["type"]!.GetValue<int>());
        gate.SetResult();
        await rest.WaitForAsync(r => r.CallsTo("POST", channel).Any());
        Assert.DoesNotContain(rest.Calls, c => c.Status == 200 && c.Body is JsonObject { } body && body["content"]?.GetValue<string>().StartsWith("Saved case 1", StringComparison.Ordinal) == true);

        var dispatcher = bot.Host.Services.GetRequiredService<DueWorkDispatcher>();
        // The responder settles the answer as undelivered once it has given up; from then on the outbox has it.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!rest.CallsTo("POST", channel).Any(c => c.Status == 200))
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox never posted the answer");
            await dispatcher.RunDueAsync(CancellationToken.None);
            await Task.Delay(20);
        }

        await dispatcher.RunDueAsync(CancellationToken.None);

        var posted = Assert.Single(rest.CallsTo("POST", channel), c => c.Status == 200);
        Assert.StartsWith("Saved case 1: Funding gap", posted.Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("o", posted.Body!["nonce"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(posted.Body!["enforce_nonce"]!.GetValue<bool>());
        Assert.Empty(posted.Body!["allowed_mentions"]!["parse"]!.AsArray());
        SchemaChecker.AssertValidCalls(rest);
    }
}
