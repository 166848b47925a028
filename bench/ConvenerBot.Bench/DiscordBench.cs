using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ConvenerBot;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

/// <summary>
/// Discord's deadline for the first answer to an interaction is 3,000 ms. This sends a steady stream of
/// Ed25519-signed slash commands (a mix of writes and reads over 20 channels) to the executable's web host
/// on loopback and prints the acknowledgement latency: from sending the request to having the response.
/// </summary>
internal static class DiscordBench
{
    public static async Task<int> RunAsync(int perSecond, int seconds)
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var database = Path.Combine(Path.GetTempPath(), $"convenerbot-bench-dc-{Guid.NewGuid():N}.db");
        using var host = ConvenerApp.Build([
            "--Discord:Enabled=true",
            "--Discord:ApplicationId=123456789012345678",
            $"--Discord:PublicKey={Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey))}",
            "--Discord:BotToken=bench",
            "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10",
            // Nothing listens there: follow-ups give up at once instead of retrying in the background.
            "--Discord:RetryDeadline=00:00:00.001",
            "--Urls=http://127.0.0.1:0",
            $"--Storage:ConnectionString=Data Source={database}",
            "--Logging:LogLevel:Default=None"], configure: b => b.Logging.ClearProviders());
        if (await Startup.PrepareAsync(host) is { } failure)
        {
            throw new InvalidOperationException(failure);
        }

        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var endpoint = new Uri(new Uri(address), "/discord/interactions");
        using var http = new HttpClient();
        Console.WriteLine($"ConvenerBot Discord acknowledgement benchmark: {perSecond} signed interactions/s for {seconds} s, {Environment.ProcessorCount} cores");

        for (var i = 0; i < 50; i++)
        {
            using var _ = await SendAsync(http, endpoint, key, i);
        }

        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var total = perSecond * seconds;
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var n = i;
            inFlight.Add(Task.Run(async () =>
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await SendAsync(http, endpoint, key, n);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        }

        await Task.WhenAll(inFlight);
        await host.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }

        var sorted = latencies.Order().ToArray();
        double P(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine($"{"requests",9} {"failed",7} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        Console.WriteLine($"{sorted.Length,9} {failures,7} {P(0.50),8:F1} {P(0.99),8:F1} {sorted[^1],8:F1}");
        Console.WriteLine($"Target: p99 well under 100 ms against Discord's 3,000 ms deadline. Peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB.");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri endpoint, Key key, int n)
    {
        var channel = (900000000000000100 + (n % 20)).ToString(CultureInfo.InvariantCulture);
        var user = (100000000000000100 + (n % 7)).ToString(CultureInfo.InvariantCulture);
        var data = (n % 3) switch
        {
            0 => new JsonObject { ["id"] = "1", ["name"] = "case", ["type"] = 1, ["options"] = new JsonArray(new JsonObject { ["name"] = "open", ["type"] = 1, ["options"] = new JsonArray(new JsonObject { ["name"] = "title", ["type"] = 3, ["value"] = $"Case {n}" }) }) },
            1 => new JsonObject { ["id"] = "1", ["name"] = "case", ["type"] = 1, ["options"] = new JsonArray(new JsonObject { ["name"] = "list", ["type"] = 1, ["options"] = new JsonArray() }) },
            _ => new JsonObject { ["id"] = "1", ["name"] = "me", ["type"] = 1, ["options"] = new JsonArray() },
        };
        var body = new JsonObject
        {
            ["id"] = $"bench-{n}",
            ["application_id"] = "123456789012345678",
            ["type"] = 2,
            ["token"] = $"tok-{n}",
            ["version"] = 1,
            ["channel_id"] = channel,
            ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = user, ["username"] = $"member{n % 7}" }, ["permissions"] = "0" },
            ["data"] = data,
        }.ToJsonString();
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(stamp + body)));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Ed25519", signature);
        request.Headers.Add("X-Signature-Timestamp", stamp);
        return await http.SendAsync(request);
    }
}
