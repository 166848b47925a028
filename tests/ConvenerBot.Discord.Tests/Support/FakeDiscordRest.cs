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
    private int _rateLimitsLeft;

    private FakeDiscordRest(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Method, string Path, JsonNode? Body, string? Authorization, int Status)> Calls { get; } = new();

    public ConcurrentQueue<DateTimeOffset> CallTimes { get; } = new();

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
        var body = await JsonNode.ParseAsync(http.Request.Body);
        CallTimes.Enqueue(DateTimeOffset.UtcNow);
        if (Interlocked.Decrement(ref _rateLimitsLeft) >= 0)
        {
            Calls.Enqueue((http.Request.Method, path, body, http.Request.Headers.Authorization, 429));
            http.Response.StatusCode = 429;
            http.Response.Headers["X-RateLimit-Remaining"] = "0";
            http.Response.Headers["Retry-After"] = "1";
            await http.Response.WriteAsJsonAsync(new { message = "You are being rate limited.", retry_after = 0.2, global = false });
            return;
        }

        Calls.Enqueue((http.Request.Method, path, body, http.Request.Headers.Authorization, 200));
        if (ExhaustBucketsFor is { } seconds)
        {
            http.Response.Headers["X-RateLimit-Limit"] = "5";
            http.Response.Headers["X-RateLimit-Remaining"] = "0";
            http.Response.Headers["X-RateLimit-Reset-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await http.Response.WriteAsJsonAsync(body is JsonArray ? body : new JsonObject { ["id"] = "1" });
    }
}
