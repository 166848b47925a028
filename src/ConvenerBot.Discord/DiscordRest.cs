using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConvenerBot.Discord;

/// <summary>
/// The REST calls the adapter makes: registering commands (one bulk overwrite), editing the deferred
/// original response, follow-ups through the interaction webhook, and threads and messages posted as the
/// bot. Discord's rate limits are honoured: a route whose bucket is spent (X-RateLimit-Remaining 0) waits
/// for X-RateLimit-Reset-After before its next call; a 429 waits out its retry_after (all routes when it
/// is global) and is retried, up to three times.
/// </summary>
internal sealed class DiscordRest(IHttpClientFactory http, DiscordOptions options, TimeProvider time)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _routeResets = new();
    private DateTimeOffset _globalReset;

    /// <summary>Opens a public thread in a channel; returns its id.</summary>
    public async Task<string> CreateThreadAsync(string channelId, string name, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["name"] = name.Length > 100 ? name[..100] : name, ["type"] = 11, ["auto_archive_duration"] = 1440 };
        using var json = await SendAsync(HttpMethod.Post, $"channels/{channelId}/threads", $"channels/{channelId}/threads", body, authorized: true, cancellationToken);
        return json!.RootElement.GetProperty("id").GetString()!;
    }

    public async Task PostMessageAsync(string channelId, JsonObject message, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", $"channels/{channelId}/messages", message, authorized: true, cancellationToken);
    }

    public async Task RegisterCommandsAsync(JsonArray commands, CancellationToken cancellationToken)
    {
        var path = options.GuildId is { Length: > 0 } guild
            ? $"applications/{options.ApplicationId}/guilds/{guild}/commands"
            : $"applications/{options.ApplicationId}/commands";
        using var _ = await SendAsync(HttpMethod.Put, path, "commands", commands, authorized: true, cancellationToken);
    }

    public async Task EditOriginalAsync(string token, JsonObject message, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Patch, $"webhooks/{options.ApplicationId}/{token}/messages/@original", "webhooks/original", message, authorized: false, cancellationToken);
    }

    public async Task FollowUpAsync(string token, JsonObject message, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Post, $"webhooks/{options.ApplicationId}/{token}", "webhooks/followup", message, authorized: false, cancellationToken);
    }

    private async Task<JsonDocument?> SendAsync(HttpMethod method, string path, string route, JsonNode body, bool authorized, CancellationToken cancellationToken)
    {
        using var client = http.CreateClient("discord");
        var address = new Uri(options.ApiBaseUrl.ToString().TrimEnd('/') + "/" + path);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, address) { Content = JsonContent.Create(body) };
            if (authorized)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bot " + options.BotToken);
            }

            await WaitForBucketAsync(route, cancellationToken);
            using var response = await client.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            Remember(route, response);
            if (response.StatusCode is not HttpStatusCode.TooManyRequests || attempt >= 3)
            {
                response.EnsureSuccessStatusCode();
                return text.Length == 0 ? null : JsonDocument.Parse(text);
            }

            using var json = text.Length == 0 ? null : JsonDocument.Parse(text);
            var wait = json is not null && json.RootElement.TryGetProperty("retry_after", out var retry) && retry.TryGetDouble(out var seconds)
                ? Math.Clamp(seconds, 0, 60)
                : 1.0;
            var until = time.GetUtcNow() + TimeSpan.FromSeconds(wait);
            if (json is not null && json.RootElement.TryGetProperty("global", out var global) && global.ValueKind is JsonValueKind.True)
            {
                _globalReset = until;
            }
            else
            {
                _routeResets[route] = until;
            }
        }
    }

    private async Task WaitForBucketAsync(string route, CancellationToken cancellationToken)
    {
        var until = _routeResets.TryGetValue(route, out var reset) && reset > _globalReset ? reset : _globalReset;
        var wait = until - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private void Remember(string route, HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("X-RateLimit-Remaining", out var remaining) && remaining.FirstOrDefault() == "0"
            && response.Headers.TryGetValues("X-RateLimit-Reset-After", out var resetAfter)
            && double.TryParse(resetAfter.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            _routeResets[route] = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 60));
        }
    }
}
