using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using ConvenerBot;
using ConvenerBot.Telegram.Tests.Fake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

// Drives N Telegram groups through whole sessions over the fake Bot API server, and the same number of
// messages through a bare echo bot on the same client and server (the ceiling). Prints throughput and
// latency from an update being queued to the bot's first answer in that chat.
// Usage: dotnet run -c Release --project bench/ConvenerBot.Bench [groups=20] [rounds=3]
//        dotnet run -c Release --project bench/ConvenerBot.Bench discord [requests/s=200] [seconds=10]
//        dotnet run -c Release --project bench/ConvenerBot.Bench dues [ticks=200] [lag-seconds=20] [rows/s=1000]
if (args.Length > 0 && args[0] == "discord")
{
    return await DiscordBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10);
}

if (args.Length > 0 && args[0] == "dues")
{
    return await DuesBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1000);
}

var groups = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
Console.WriteLine($"ConvenerBot Telegram benchmark: {groups} groups, {Script.Steps.Length} updates per session, best of {rounds} rounds, {Environment.ProcessorCount} cores");
Console.WriteLine("Send limits are lifted for the ConvenerBot run: this measures the bot, not Telegram's one-message-a-second pacing.");

var echo = await Bench.BestOfAsync(rounds, () => Bench.RunAsync(groups, echo: true, Bench.StartEchoAsync));
var convener = await Bench.BestOfAsync(rounds, () => Bench.RunAsync(groups, echo: false, Bench.StartConvenerAsync));
Console.WriteLine();
Console.WriteLine($"{"bot",-22} {"updates/s",10} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
Bench.Print("echo (ceiling)", echo);
Bench.Print("ConvenerBot", convener);
Console.WriteLine();
Console.WriteLine($"ConvenerBot throughput is {convener.Throughput / echo.Throughput:P0} of the echo ceiling; p50 latency x{convener.P50 / echo.P50:F1}, p99 x{convener.P99 / echo.P99:F1}.");
Console.WriteLine($"Peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB (benchmark, fake server and bot in one process).");
return 0;

internal sealed record Step(int Who, string Text, int Replies);

internal sealed record Result(double Throughput, double P50, double P99, double Max);

internal static class Script
{
    // Who: 0 holder and the chat's administrator, 1 facilitator (given by @username), 2 and 3 members.
    // A contribution is answered with a reaction, every other step with messages.
    public static readonly Step[] Steps =
    [
        new(0, "/case open Funding gap | Our grant ends in March.", 1),
        new(1, "/me", 1),
        new(0, "/role facilitator @ben", 1),
        new(1, "/session schedule 2030-12-28 10:00 case 1", 1),
        new(1, "/session start now", 2),
        new(1, "/next", 1),
        new(1, "/next", 1),
        new(2, "/ask How much is missing?", 1),
        new(3, "/ask Who decides, and when?", 1),
        new(1, "/next", 1),
        new(2, "/ask What would success look like in a year?", 1),
        new(1, "/next", 1),
        new(2, "/idea Talk to the municipality about co-funding", 1),
        new(0, "/step Call the municipality before Christmas", 1),
        new(1, "/next", 1),
        new(2, "/learn Funding talks start earlier than I thought", 1),
        new(0, "/learn Asking early works", 1),
        new(1, "/session end", 2),
    ];

    public static readonly string[] Names = ["Ana", "Ben", "Chloe", "Dan"];
}

internal static class Bench
{
    public static async Task<Result> BestOfAsync(int rounds, Func<Task<Result>> run)
    {
        Result? best = null;
        for (var i = 0; i < rounds; i++)
        {
            var result = await run();
            best = best is null || result.Throughput > best.Throughput ? result : best;
        }

        return best!;
    }

    public static void Print(string name, Result r) =>
        Console.WriteLine($"{name,-22} {r.Throughput,10:F0} {r.P50,8:F1} {r.P99,8:F1} {r.Max,8:F1}");

    public static async Task<Result> RunAsync(int groups, bool echo, Func<FakeBotApi, Task<IAsyncDisposable>> startBot)
    {
        await using var api = await FakeBotApi.StartAsync();
        var arrivals = new ConcurrentDictionary<long, Channel<long>>();
        for (var g = 0; g < groups; g++)
        {
            var chatId = -1000 - g;
            api.AddChat(chatId, $"Circle {g}", isForum: false, UserId(g, 0));
            arrivals[chatId] = Channel.CreateUnbounded<long>();
        }

        api.MessageSent += m => arrivals[m.ChatId].Writer.TryWrite(Stopwatch.GetTimestamp());
        api.ReactionSet += r => arrivals[r.ChatId].Writer.TryWrite(Stopwatch.GetTimestamp());
        await using var bot = await startBot(api);
        var latencies = new ConcurrentBag<double>();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, groups).Select(g => DriveAsync(api, g, echo, arrivals[-1000 - g].Reader, latencies)));
        wall.Stop();
        var sorted = latencies.Order().ToArray();
        return new Result(sorted.Length / wall.Elapsed.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
    }

    public static async Task<IAsyncDisposable> StartConvenerAsync(FakeBotApi api)
    {
        var database = Path.Combine(Path.GetTempPath(), $"convenerbot-bench-{Guid.NewGuid():N}.db");
        var host = ConvenerApp.Build([
            "--Telegram:Enabled=true",
            $"--Telegram:Token={api.Token}",
            $"--Telegram:ApiBaseUrl={api.BaseUrl}",
            "--Telegram:PollTimeoutSeconds=5",
            "--Telegram:PerChatInterval=00:00:00",
            "--Telegram:PerGroupPerMinute=1000",
            "--Telegram:GlobalPerSecond=1000",
            $"--Storage:ConnectionString=Data Source={database}",
            "--Logging:LogLevel:Default=Error"], configure: b => b.Logging.ClearProviders());
        var failure = await Startup.PrepareAsync(host);
        if (failure is not null)
        {
            throw new InvalidOperationException(failure);
        }

        await host.StartAsync();
        await api.WaitForAsync(a => a.Requests.Any(r => r.Method == "getupdates"));
        return new Stoppable(async () =>
        {
            await host.StopAsync();
            host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        });
    }

    /// <summary>The ceiling: the same client polling the same server, answering every update at once, in parallel.</summary>
    public static Task<IAsyncDisposable> StartEchoAsync(FakeBotApi api)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new TelegramBotClient(new TelegramBotClientOptions(api.Token, api.BaseUrl), http);
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            var offset = 0;
            while (!stop.IsCancellationRequested)
            {
                Update[] updates;
                try
                {
                    updates = await client.GetUpdates(offset, timeout: 5, allowedUpdates: [UpdateType.Message], cancellationToken: stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                foreach (var update in updates)
                {
                    offset = update.Id + 1;
                    if (update.Message is { } message)
                    {
                        _ = client.SendMessage(message.Chat.Id, message.Text ?? "", cancellationToken: stop.Token);
                    }
                }
            }
        });
        return Task.FromResult<IAsyncDisposable>(new Stoppable(async () =>
        {
            await stop.CancelAsync();
            await loop;
            http.Dispose();
            stop.Dispose();
        }));
    }

    private static async Task DriveAsync(FakeBotApi api, int group, bool echo, ChannelReader<long> arrivals, ConcurrentBag<double> latencies)
    {
        var chatId = -1000 - group;
        var members = Enumerable.Range(0, 4)
            .Select(i => FakeBotApi.Person(UserId(group, i), Script.Names[i]))
            .Select(person =>
            {
                person.Username = person.FirstName.ToLowerInvariant();
                return person;
            })
            .ToArray();
        foreach (var step in Script.Steps)
        {
            var start = Stopwatch.GetTimestamp();
            api.SendText(chatId, members[step.Who], step.Text);
            var first = await NextAsync(api, chatId, arrivals);
            latencies.Add(Stopwatch.GetElapsedTime(start, first).TotalMilliseconds);
            // The echo bot answers once; ConvenerBot answers some commands with two messages.
            for (var extra = 1; extra < (echo ? 1 : step.Replies); extra++)
            {
                await NextAsync(api, chatId, arrivals);
            }
        }
    }

    private static async Task<long> NextAsync(FakeBotApi api, long chatId, ChannelReader<long> arrivals)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            return await arrivals.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var transcript = string.Join("\n", api.SentMessages.Where(m => m.ChatId == chatId).Select(m => m.Text));
            throw new TimeoutException($"Chat {chatId} got no answer within 30 s. Its messages so far:\n{transcript}");
        }
    }

    private static long UserId(int group, int member) => 100_000 + (group * 10) + member;

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed class Stoppable(Func<Task> stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await stop();
    }
}
