using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram.Tests;

/// <summary>
/// A bot that dies while a committed answer waits out Telegram's 429 loses nothing: the next process posts
/// it from the outbox, once, and a stage prompt posted that way takes replies as contributions.
/// </summary>
public sealed class TelegramOutboxTests
{
    private const long Group = -1005550041;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Chloe = FakeBotApi.Person(13, "Chloe");

    [Fact]
    public async Task BotKilledWhileAPromptWaitsOutA429_ThePromptIsPostedAfterTheRestart_AndTakesReplies()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        using var temp = new TempDatabase();
        var first = await RunningBot.StartAsync(api, database: temp.Path);
        var chat = new GroupChat(api, first, Group, webhook: false);
        await chat.SayAsync(Ana, "/case open Funding gap", "Saved case 1");
        await chat.SayAsync(Ana, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
        await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");
        await chat.SayAsync(Ana, "/next", "stage 2 of 6");

        // Telegram asks the bot to wait a minute before the next prompt; the bot is stopped meanwhile.
        api.FailNext("sendMessage", 429, "Too Many Requests: retry after 60", retryAfter: 60);
        await chat.SendAsync(chat.Text(Ana, "/next"));
        await api.WaitForAsync(a => a.Requests.Any(r => r is { Method: "sendmessage", Status: 429 }));
        await first.DisposeAsync();
        Assert.DoesNotContain(api.SentMessages, m => m.Text.Contains("stage 3 of 6", StringComparison.Ordinal));

        await using var second = await RunningBot.StartAsync(api, database: temp.Path);
        // The answer's hold (the send deadline and a margin) runs out: moved to the past in the database.
        Assert.Equal(1, await BotDatabase.ExecuteAsync(
            temp.Path, $"UPDATE due_work SET claimed_until = '{BotDatabase.LongAgo}' WHERE kind = $kind", ("$kind", Outbox.WorkKind)));

        var dispatcher = second.Host.Services.GetRequiredService<DueWorkDispatcher>();
        await dispatcher.RunDueAsync(CancellationToken.None);
        await dispatcher.RunDueAsync(CancellationToken.None);

        var prompt = await api.WaitForAsync(a => a.SentMessages.FirstOrDefault(m => m.ChatId == Group && m.Text.Contains("stage 3 of 6", StringComparison.Ordinal)));
        Assert.Single(api.SentMessages, m => m.Text.Contains("stage 3 of 6", StringComparison.Ordinal));
        Assert.NotEmpty(GroupChat.Buttons(prompt));

        // The redelivered /next is known and does nothing; a reply to the prompt is a clarifying question.
        var restarted = new GroupChat(api, second, Group, webhook: false);
        await restarted.ContributeAsync(Chloe, "What have you tried so far?", prompt);
        Assert.Single(api.SentMessages, m => m.Text.Contains("stage 3 of 6", StringComparison.Ordinal));
        Assert.DoesNotContain(api.SentMessages, m => m.Text.Contains("stage 4 of 6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PromptWhoseSendWentUnanswered_IsPostedAgainFromTheOutbox_AndTakesReplies()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        using var temp = new TempDatabase();
        var settled = new SettleWatch();
        await using var bot = await RunningBot.StartAsync(api, database: temp.Path, services: settled.Install);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        await chat.SayAsync(Ana, "/case open Funding gap", "Saved case 1");
        await chat.SayAsync(Ana, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
        await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");
        await chat.SayAsync(Ana, "/next", "stage 2 of 6");

        // Telegram's answer to the next prompt cannot be read: it may or may not have been posted (here: not).
        api.GarbleNext("sendMessage");
        await chat.SendAsync(chat.Text(Ana, "/next"));
        await api.WaitForAsync(_ => settled.Undelivered > 0);
        Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 4019);

        // The garbled send posted nothing; the outbox posts the prompt (the move woke the due-work loop already, or this run does).
        await bot.Host.Services.GetRequiredService<DueWorkDispatcher>().RunDueAsync(CancellationToken.None);

        var prompt = await api.WaitForAsync(a => a.SentMessages.FirstOrDefault(m => m.ChatId == Group && m.Text.Contains("stage 3 of 6", StringComparison.Ordinal)));
        Assert.NotEmpty(GroupChat.Buttons(prompt));
        await chat.ContributeAsync(Chloe, "What have you tried so far?", prompt);
        await chat.SayAsync(Ana, "/next", "stage 4 of 6");
        Assert.Single(api.SentMessages, m => m.Text.Contains("stage 3 of 6", StringComparison.Ordinal));
    }

    /// <summary>Counts the messages the adapter reported as not delivered when it settled a reply.</summary>
    private sealed class SettleWatch
    {
        private int _undelivered;

        public int Undelivered => Volatile.Read(ref _undelivered);

        public void Install(IServiceCollection services)
        {
            var original = services.Single(d => d.ServiceType == typeof(IConvener));
            services.Remove(original);
            services.AddSingleton<IConvener>(sp => new Watching((IConvener)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!), this));
        }

        private sealed class Watching(IConvener inner, SettleWatch watch) : ForwardingConvener(inner)
        {
            public override async Task SettleAsync(Reply reply, IReadOnlyCollection<OutboundMessage> undelivered, CancellationToken cancellationToken)
            {
                await base.SettleAsync(reply, undelivered, cancellationToken);
                Interlocked.Add(ref watch._undelivered, undelivered.Count);
            }
        }
    }
}
