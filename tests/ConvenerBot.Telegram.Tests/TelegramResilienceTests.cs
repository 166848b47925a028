using System.Net;
using System.Text;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

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
        api.AddChat(Fast, "Fast circle", isForum: false, Ben.Id);
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
    public async Task StuckUpdate_IsPolledAgainAtAPace_EvenAfterManyChatsWereHandledAtOnce()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Fast circle", isForum: false, Ben.Id);
        var people = Enumerable.Range(0, 10).Select(i => FakeBotApi.Person(100 + i, $"Person {i}")).ToList();
        people.ForEach(api.AddPrivateChat);
        using var temp = new TempDatabase();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await RunningBot.StartAsync(
            api, database: temp.Path, services: s => HeldConvener.Install(s, gate.Task), connectionOptions: ";Default Timeout=1");
        var asked = people.Select(p => new GroupChat(api, bot, p.Id, webhook: false, type: ChatType.Private).Text(p, "/me")).ToList();
        asked.ForEach(u => api.EnqueueUpdate(u));
        await api.WaitForAsync(a => a.Requests.Any(r => r.Method == "getupdates" && r.Body["offset"]?.GetValue<long>() == asked[0].Id));

        // Ten chats finish at once: each signals progress, though no poll is waiting for most of them.
        gate.SetResult();
        await api.WaitForAsync(a => people.All(p => a.SentMessages.Any(m => m.ChatId == p.Id)));

        var fast = new GroupChat(api, bot, Fast, webhook: false);
        var stuck = fast.Text(Ben, "/case open Stuck while the store is out");
        await using (await temp.LockAsync())
        {
            await fast.SendAsync(stuck);
            var polls = await api.WaitForAsync(a => a.Requests.Where(r => r.Method == "getupdates" && r.Body["offset"]?.GetValue<long>() == stuck.Id).ToList() is { Count: >= 6 } found ? found : null);
            var gaps = polls.Zip(polls.Skip(1), (a, b) => b.At - a.At).ToList();
            Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromMilliseconds(80), $"polls {gap.TotalMilliseconds:0} ms apart"));
        }

        await fast.ExpectAsync("Saved case 1");
    }

    [Fact]
    public async Task IdleChats_GiveUpTheirQueuesAndCachedAdministrators_AndAChatStillKeepsItsOrder()
    {
        await using var api = await FakeBotApi.StartAsync();
        var people = Enumerable.Range(0, 10).Select(i => FakeBotApi.Person(200 + i, $"Person {i}")).ToList();
        people.ForEach(api.AddPrivateChat);
        long[] groups = [-2001, -2002, -2003];
        foreach (var group in groups)
        {
            api.AddChat(group, $"Circle {group}", isForum: false, Ben.Id);
        }

        await using var bot = await RunningBot.StartAsync(api);
        var queues = bot.Host.Services.GetRequiredService<ChatQueues>();
        var administrators = bot.Host.Services.GetRequiredService<ChatAdministrators>();
        people.ForEach(p => api.EnqueueUpdate(new GroupChat(api, bot, p.Id, webhook: false, type: ChatType.Private).Text(p, "/me")));
        foreach (var group in groups)
        {
            await new GroupChat(api, bot, group, webhook: false).SayAsync(Ben, "/me", "You are Ben, an organizer");
        }

        await api.WaitForAsync(a => people.All(p => a.SentMessages.Any(m => m.ChatId == p.Id)));
        await api.WaitForAsync(_ => queues.Count == 0);
        Assert.Equal(1, administrators.Count);

        var fast = new GroupChat(api, bot, groups[0], webhook: false);
        foreach (var text in new[] { "/case open First", "/case open Second", "/case list" })
        {
            await fast.SendAsync(fast.Text(Ben, text));
        }

        var replies = (await api.WaitForMessagesAsync(groups[0], 4)).Skip(1).ToList();
        Assert.StartsWith("Saved case 1", replies[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Saved case 2", replies[1].Text, StringComparison.Ordinal);
        Assert.Contains("2. Second", replies[2].Text, StringComparison.Ordinal);
        await api.WaitForAsync(_ => queues.Count == 0);
    }

    [Fact]
    public async Task RedeliveredUpdate_AfterARestart_HasNoSecondEffect()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Circle");
        using var temp = new TempDatabase();
        var database = temp.Path;
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
    public async Task ManyServerErrorsAndAFlood_WithinTheDeadline_StillDeliverTheStagePrompt()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Fast, webhook: false);
        await chat.SayAsync(Ana, "/case open Real", "Saved case 1");
        await chat.SayAsync(Ana, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
        await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");

        api.FailNext("sendMessage", 502, "Bad Gateway", times: 4);
        api.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);
        api.FailNext("sendMessage", 500, "Internal Server Error", times: 3);
        await chat.SayAsync(Ana, "/next", "stage 2 of 6");

        Assert.Equal(8, api.Requests.Count(r => r.Method == "sendmessage" && r.Status >= 429));
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Id.Id is 4007 or 4023 or 4024);
    }

    [Fact]
    public async Task PromptFailingPastTheDeadline_IsLoggedAsThatStagesPrompt_NotAsLost()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api, settings: ["--Telegram:SendDeadline=00:00:01"]);
        var chat = new GroupChat(api, bot, Fast, webhook: false);
        await chat.SayAsync(Ana, "/case open Real", "Saved case 1");
        await chat.SayAsync(Ana, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
        await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");
        api.FailNext("sendMessage", 503, "Service Unavailable", times: 10_000);

        await chat.SendAsync(chat.Text(Ana, "/next"));
        var given = await api.WaitForAsync(_ => bot.Logs.Entries.Where(e => e.Id.Id == 4024).Select(e => e.Message).FirstOrDefault());
        api.ClearFaults();

        Assert.Contains("sendMessage", given, StringComparison.Ordinal);
        Assert.Contains("session 1, stage 2", given, StringComparison.Ordinal);
        Assert.DoesNotContain("lost", given, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Id.Id is 4007 or 4023);
    }

    [Fact]
    public async Task FailuresPastTheDeadline_AreGivenUp_LoggedWithWhatTheyCarried_AndTheBotCarriesOn()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Fast, "Circle");
        await using var bot = await RunningBot.StartAsync(api, settings: ["--Telegram:SendDeadline=00:00:01"]);
        var chat = new GroupChat(api, bot, Fast, webhook: false);
        api.FailNext("sendMessage", 503, "Service Unavailable", times: 10_000);

        await chat.SendAsync(chat.Text(Ana, "/help"));
        await api.WaitForAsync(_ => bot.Logs.Entries.Any(e => e.Id.Id == 4023));
        api.ClearFaults();

        await chat.SayAsync(Ana, "/me", "You are Ana");
        Assert.True(api.Requests.Count(r => r.Method == "sendmessage" && r.Status == 503) >= 5);
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
        var prompt = await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");
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

        var prompt = await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");

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
        using var temp = new TempDatabase();
        using var host = ConvenerApp.Build([
            "--Telegram:Enabled=true",
            $"--Telegram:Token={token}",
            $"--Storage:ConnectionString=Data Source={temp.Path}"]);

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
