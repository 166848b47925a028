using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Discord.Tests.Support;

/// <summary>A stand-in for Discord's REST API on loopback: records every call and can answer 429 first.</summary>
internal sealed class FakeDiscordRest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private const int Hung = -1;
    private int _rateLimitsLeft;
    private long _nextId = 700000000000000000;
    private readonly ConcurrentQueue<Failure> _failures = new();

    private FakeDiscordRest(WebApplication app) => _app = app;

    /// <summary>The guild every channel of this server belongs to (the one interactions name).</summary>
    public const string Guild = "900000000000000001";

    public ConcurrentQueue<(string Method, string Path, JsonNode? Body, string? Authorization, int Status)> Calls { get; } = new();

    /// <summary>The calls to the guild's scheduled events (created, changed), in order, with what Discord answered.</summary>
    public IEnumerable<(string Method, string Path, JsonNode? Body, string? Authorization, int Status)> EventCalls =>
        Calls.Where(c => c.Path.StartsWith($"guilds/{Guild}/scheduled-events", StringComparison.Ordinal));

    public ConcurrentQueue<DateTimeOffset> CallTimes { get; } = new();

    /// <summary>Every call with the moment this server answered it (by its own clock), in order.</summary>
    public ConcurrentQueue<(string Method, string Path, int Status, DateTimeOffset At)> Timeline { get; } = new();

    /// <summary>
    /// Every file uploaded (multipart/form-data: the message in <c>payload_json</c>, the files as <c>files[n]</c>), with
    /// the call it came with and the part's name, file name and bytes, in order.
    /// </summary>
    public ConcurrentQueue<(string Method, string Path, string Part, string FileName, byte[] Content)> Uploads { get; } = new();

    /// <summary>The ids of the threads created, in order.</summary>
    public ConcurrentQueue<string> Threads { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeDiscordRest> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeDiscordRest(app);
        app.Map("/api/v10/{**path}", fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/api/v10";
        return fake;
    }

    /// <summary>When set, every answer says the route's bucket is spent for this many seconds.</summary>
    public double? ExhaustBucketsFor { get; set; }

    /// <summary>The next <paramref name="times"/> calls get 429 with a short retry_after.</summary>
    public void RateLimitNext(int times) => _rateLimitsLeft = times;

    /// <summary>When set, a 429 says the limit is global.</summary>
    public bool GlobalRateLimit { get; set; }

    /// <summary>The retry_after of a 429, in seconds.</summary>
    public double RetryAfter { get; set; } = 0.2;

    /// <summary>
    /// The next <paramref name="times"/> calls matching <paramref name="method"/> and a path that starts with
    /// <paramref name="pathStart"/> fail: with <paramref name="status"/>, or with a dropped connection when it is 0.
    /// </summary>
    public void Fail(string method, string pathStart, int times, int status = 500) =>
        _failures.Enqueue(new Failure(method, pathStart, status) { Left = times });

    /// <summary>Calls set to fail and not yet failed succeed from now on.</summary>
    public void ClearFailures() => _failures.Clear();

    /// <summary>
    /// The next <paramref name="times"/> matching calls are carried out (recorded as 200) but answered only once the
    /// client has given up waiting: a timeout after Discord did the work.
    /// </summary>
    public void Hang(string method, string pathStart, int times) =>
        _failures.Enqueue(new Failure(method, pathStart, Hung) { Left = times });

    public IEnumerable<(string Method, string Path, JsonNode? Body, string? Authorization, int Status)> CallsTo(string method, string path) =>
        Calls.Where(c => c.Method == method && c.Path == path);

    public async Task WaitForAsync(Func<FakeDiscordRest, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Calls so far: " + string.Join("\n", Calls.Select(c => $"{c.Status} {c.Method} {c.Path}")));
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http, string path)
    {
        JsonNode? body;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync();
            body = form.TryGetValue("payload_json", out var payload) ? JsonNode.Parse(payload.ToString()) : null;
            // Each file must be named in the message's attachments by the number of its part, as Discord requires.
            var named = (body?["attachments"] as JsonArray ?? []).OfType<JsonObject>().Select(a => a["id"]?.ToString()).ToHashSet();
            if (body is not JsonObject || form.Files.Count == 0
                || form.Files.Any(f => !f.Name.StartsWith("files[", StringComparison.Ordinal) || !named.Contains(f.Name[6..^1])))
            {
                Record(http, path, body, 400);
                http.Response.StatusCode = 400;
                await http.Response.WriteAsJsonAsync(new { code = 50035, message = "Invalid Form Body" });
                return;
            }

            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content);
                Uploads.Enqueue((http.Request.Method, path, file.Name, file.FileName, content.ToArray()));
            }
        }
        else
        {
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync();
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }

        CallTimes.Enqueue(DateTimeOffset.UtcNow);
        if (_failures.FirstOrDefault(f => f.Method == http.Request.Method && path.StartsWith(f.PathStart, StringComparison.Ordinal) && Volatile.Read(ref f.Left) > 0) is { } failure
            && Interlocked.Decrement(ref failure.Left) >= 0)
        {
            if (failure.Status == Hung)
            {
                Record(http, path, body, 200);
                try
                {
                    await Task.Delay(Timeout.Infinite, http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            }

            Record(http, path, body, failure.Status);
            if (failure.Status == 0)
            {
                http.Abort();
                return;
            }

            http.Response.StatusCode = failure.Status;
            await http.Response.WriteAsync("<html>upstream error</html>");
            return;
        }

        if (Interlocked.Decrement(ref _rateLimitsLeft) >= 0)
        {
            Record(http, path, body, 429);
            http.Response.StatusCode = 429;
            http.Response.Headers["X-RateLimit-Remaining"] = "0";
            http.Response.Headers["Retry-After"] = "1";
            await http.Response.WriteAsJsonAsync(new { message = "You are being rate limited.", retry_after = RetryAfter, global = GlobalRateLimit });
            return;
        }

        Record(http, path, body, 200);
        if (ExhaustBucketsFor is { } seconds)
        {
            http.Response.Headers["X-RateLimit-Limit"] = "5";
            http.Response.Headers["X-RateLimit-Remaining"] = "0";
            http.Response.Headers["X-RateLimit-Reset-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (http.Request.Method == "DELETE")
        {
            http.Response.StatusCode = 204;
            return;
        }

        if (http.Request.Method == "GET" && path.StartsWith("channels/", StringComparison.Ordinal) && path.Count(c => c == '/') == 1)
        {
            // A channel says its guild, which the bot needs for the guild's scheduled events.
            await http.Response.WriteAsJsonAsync(new JsonObject { ["id"] = path["channels/".Length..], ["type"] = 0, ["guild_id"] = Guild });
            return;
        }

        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (path.EndsWith("/threads", StringComparison.Ordinal))
        {
            Threads.Enqueue(id);
        }

        await http.Response.WriteAsJsonAsync(body is JsonArray ? body : new JsonObject { ["id"] = id });
    }

    private void Record(HttpContext http, string path, JsonNode? body, int status)
    {
        Timeline.Enqueue((http.Request.Method, path, status, DateTimeOffset.UtcNow));
        Calls.Enqueue((http.Request.Method, path, body, http.Request.Headers.Authorization, status));
    }

    private sealed record Failure(string Method, string PathStart, int Status)
    {
        public int Left;
    }
}
