using System.Net;
using System.Text;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram.Tests;

/// <summary>How the adapter behaves when things go wrong: slow groups, redelivery, limits, refusals, bad input.</summary>
public sealed class TelegramResilienceTests
{
    private const long Slow = -1001;
    private const long Fast = -1002;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Ben = FakeBotApi.Person(12, "Ben");

    [Fact]
    public async Task SlowGroup_DoesNotStallAnother_AndKeepsItsOwnOrder()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Slow, "Slow circle");
        api.AddChat(Fast, "Fast circle");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await RunningBot.StartAsync(api, services: s => HeldConvener.Install(s, gate.Task, $"{Slow}"));
        var slow = new GroupChat(api, bot, Slow, webhook: false);
        var fast = new GroupChat(api, bot, Fast, webhook: false);

        await slow.SendAsync(slow.Text(Ana, "/me"));
        await slow.SendAsync(slow.Text(Ana, "/case open Second in line"));
        await slow.SendAsync(slow.Text(Ana, "/case list"));
        await fast.SayAsync(Ben, "/me", "You are Ben, an organizer");

        Assert.DoesNotContain(api.SentMessages, m => m.ChatId == Slow);
        gate.SetResult();
        var replies = await api.WaitForMessagesAsync(Slow, 3);
        Assert.StartsWith("You are Ana", replies[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Saved case 1", replies[1].Text, StringComparison.Ordinal);
        Assert.Contains("1. Second in line", replies[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedeliveredUpdate_AfterARestart_HasNoSecondEffect()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Circle");
        var database = Path.Combine(Path.GetTempPath(), $"convenerbot-tg-{Guid.NewGuid():N}.db");
        int updateId;
        await using (var first = await RunningBot.StartAsync(api, database: database))
        {
            var chat = new GroupChat(api, first, Fast, webhook: false);
            var update = chat.Text(Ana, "/case open Only once");
            updateId = update.Id;
            await chat.SendAsync(update);
            await chat.ExpectAsync("Saved case 1: Only once");
        }

        api.RedeliverFrom(updateId);
        await using var second = await RunningBot.StartAsync(api, database: database);
        var again = new GroupChat(api, second, Fast, webhook: false);
        await again.SayAsync(Ana, "/case list", "Cases:");

        Assert.Single(api.SentMessages, m => m.Text.StartsWith("Saved case", StringComparison.Ordinal));
        Assert.Contains("1. Only once", api.SentMessages[^1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("2.", api.SentMessages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Injected429_IsWaitedOutForRetryAfter_ThenSent()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Circle");
        await using var bot = await RunningBot.StartAsync(api);
        api.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);

        await new GroupChat(api, bot, Fast, webhook: false).SayAsync(Ana, "/help", "Commands:");

        var sends = api.Requests.Where(r => r.Method == "sendmessage").ToList();
        Assert.Equal([429, 200], sends.Select(r => r.Status));
        Assert.True(sends[1].At - sends[0].At >= TimeSpan.FromSeconds(0.95), $"retried after {sends[1].At - sends[0].At}");
    }

    [Fact]
    public async Task ServerErrors_AreRetriedWithBackoff_ThenSent()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Circle");
        await using var bot = await RunningBot.StartAsync(api);
        api.FailNext("sendMessage", 502, "Bad Gateway", times: 2);

        await new GroupChat(api, bot, Fast, webhook: false).SayAsync(Ana, "/help", "Commands:");

        Assert.Equal([502, 502, 200], api.Requests.Where(r => r.Method == "sendmessage").Select(r => r.Status));
        Assert.Equal(2, bot.Logs.Entries.Count(e => e.Id.Id == 4005));
    }

    [Fact]
    public async Task Forbidden_MarksTheGroupInactive_AndTheBotCarriesOn()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Slow, "Removed circle");
        api.AddChat(Fast, "Circle");
        await using var bot = await RunningBot.StartAsync(api);
        api.FailNext("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat");

        await new GroupChat(api, bot, Slow, webhook: false).SendAsync(new GroupChat(api, bot, Slow, webhook: false).Text(Ana, "/me"));
        await api.WaitForAsync(_ => !GroupActive(bot, Slow).GetAwaiter().GetResult());
        await new GroupChat(api, bot, Fast, webhook: false).SayAsync(Ben, "/help", "Commands:");

        Assert.Single(api.Requests, r => r.Method == "sendmessage" && r.Status == 403);
        Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 4006);
    }

    [Fact]
    public async Task MalformedAndUnknownUpdates_AreIgnored_LoggedOnce_AndPollingGoesOn()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Circle");
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Fast, webhook: false);

        api.EnqueueRaw($$$"""{"update_id":{{{GroupChat.NextUpdateId()}}},"some_future_kind":{"x":1} }""");
        api.EnqueueRaw($$$"""{"update_id":{{{GroupChat.NextUpdateId()}}},"some_future_kind":{"x":2} }""");
        api.EnqueueRaw($$"""{"update_id":{{GroupChat.NextUpdateId()}},"message":"not an object"}""");
        await chat.SayAsync(Ana, "/help", "Commands:");

        Assert.Single(bot.Logs.Entries, e => e.Id.Id == 4003);
        Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 4010);
        Assert.Single(api.SentMessages);
    }

    [Fact]
    public async Task ForgedCallbackData_GetsAnAlert_AndChangesNothing()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Fast, webhook: false);
        await chat.SayAsync(Ana, "/case open Real", "Saved case 1");
        await chat.SayAsync(Ana, "/session schedule 2031-01-01 10:00 case 1", "Saved: session 1");
        var prompt = await chat.SayAsync(Ana, "/session start", "stage 1 of 6");
        var sent = api.SentMessages.Count;

        foreach (var forged in new[] { "s:n:1:1;DROP TABLE sessions", "{\"next\":true}", "s:e:1:999", "s:n:2:1" })
        {
            var answer = await chat.PressAsync(Ana, prompt, forged);
            Assert.True(answer.ShowAlert, forged);
        }

        Assert.Equal(sent, api.SentMessages.Count);
        await chat.SayAsync(Ana, "/session list", "running, stage 1 of 6");
    }

    [Fact]
    public async Task ForumGroup_RunsTheSessionInItsOwnTopic()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Forum circle", isForum: true, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Fast, webhook: false, isForum: true);
        await chat.SayAsync(Ana, "/case open Topic case", "Saved case 1");
        await chat.SayAsync(Ana, "/session schedule 2031-01-01 10:00 case 1", "Saved: session 1");

        var prompt = await chat.SayAsync(Ana, "/session start", "stage 1 of 6");

        var topic = Assert.Single(api.Requests, r => r.Method == "createforumtopic");
        Assert.Equal("Session 1: Topic case", topic.Body["name"]?.GetValue<string>());
        Assert.NotNull(prompt.MessageThreadId);
    }

    [Fact]
    public async Task Webhook_WithoutTheSecret_Is401_AndMalformedJsonIs400()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Circle");
        await using var bot = await RunningBot.StartAsync(api, webhook: true);
        var chat = new GroupChat(api, bot, Fast, webhook: true);
        using var http = new HttpClient();

        using var none = await api.PostUpdateToWebhookAsync(bot.WebhookUrl.ToString(), chat.Text(Ana, "/case open Sneaky"), secretToken: null);
        using var wrong = await api.PostUpdateToWebhookAsync(bot.WebhookUrl.ToString(), chat.Text(Ana, "/case open Sneaky"), secretToken: "guess");
        using var request = new HttpRequestMessage(HttpMethod.Post, bot.WebhookUrl) { Content = new StringContent("{ not json", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", RunningBot.Secret);
        using var malformed = await http.SendAsync(request);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest), (none.StatusCode, wrong.StatusCode, malformed.StatusCode));
        await api.WaitForAsync(a => a.WebhookUrl is not null);
        Assert.Equal("https://bot.example.org/telegram/webhook", api.WebhookUrl);
        Assert.Equal(RunningBot.Secret, api.WebhookSecretToken);
        await chat.SayAsync(Ana, "/case list", "No cases yet");
    }

    [Fact]
    public async Task RejectedToken_StopsTheApplication_WithoutLoggingIt()
    {
        await using var api = await FakeBotApi.StartAsync(token: "123456:TEST");
        var wrong = new FakeBotApiWithToken(api, "654321:WRONG-secret");

        await using var bot = await RunningBot.StartAsync(wrong.Api, token: wrong.Token);
        var lifetime = bot.Host.Services.GetRequiredService<IHostApplicationLifetime>();
        await api.WaitForAsync(_ => lifetime.ApplicationStopping.IsCancellationRequested);

        Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 4001);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains("WRONG-secret", StringComparison.Ordinal) || (e.Exception?.ToString().Contains("WRONG-secret", StringComparison.Ordinal) ?? false));
        Environment.ExitCode = 0;
    }

    [Theory]
    [InlineData("not-a-token", "Telegram:Token is malformed")]
    [InlineData("", "Telegram:Token is not set")]
    public async Task MalformedOrMissingToken_StopsStartup_WithAClearMessage(string token, string expected)
    {
        using var host = ConvenerApp.Build([
            "--Telegram:Enabled=true",
            $"--Telegram:Token={token}",
            $"--Storage:ConnectionString=Data Source={Path.Combine(Path.GetTempPath(), $"convenerbot-tg-{Guid.NewGuid():N}.db")}"]);

        var failure = await Startup.PrepareAsync(host);

        Assert.NotNull(failure);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.True(token.Length == 0 || !failure.Contains(token, StringComparison.Ordinal));
    }

    private static async Task<bool> GroupActive(RunningBot bot, long chatId)
    {
        await using var tx = await bot.Store.BeginAsync(CancellationToken.None);
        var group = await tx.Groups.FindAsync(TelegramSender.Conversation(chatId), CancellationToken.None);
        return group?.Active ?? true;
    }

    private sealed record FakeBotApiWithToken(FakeBotApi Api, string Token);
}
