using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConvenerBot.Core.Calendar;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Discord;

/// <summary>
/// The REST calls the adapter makes: registering commands (one bulk overwrite), the interaction webhook
/// (editing or deleting the original response, follow-ups), threads, direct-message channels, messages
/// posted as the bot, and the guild's scheduled events that mirror sessions.
/// <para>
/// Rate limits: a route whose bucket is spent (X-RateLimit-Remaining 0) waits X-RateLimit-Reset-After
/// before its next call; a 429 waits its retry_after and is tried again. Buckets are kept per route and
/// major parameter (channel, or webhook token). A global 429 holds the bot's routes, never the interaction
/// webhook, which Discord exempts from the global limit.
/// </para>
/// <para>
/// Server errors (5xx) and network failures are tried again with exponential backoff and jitter until
/// <see cref="DiscordOptions.RetryDeadline"/>; other refusals (4xx) are not. A timeout (or a connection lost
/// after sending) is ambiguous: Discord may have done the call. It is tried again only where that is harmless:
/// edits, deletions, the command overwrite, opening a direct-message channel, and bot messages, whose nonce
/// makes a repeat a no-op; a follow-up or a new thread throws <see cref="DeliveryUncertainException"/> instead. When a call gives up it throws
/// <see cref="HttpRequestException"/> and is logged here; callers say what was lost.
/// </para>
/// </summary>
internal sealed partial class DiscordRest(IHttpClientFactory http, DiscordOptions options, TimeProvider time, ILogger<DiscordRest> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _routeResets = new();
    // UTC ticks of the end of a global rate limit: a long, so concurrent calls never read it torn.
    private long _globalResetTicks;

    /// <summary>Opens a public thread in a channel; returns its id.</summary>
    public async Task<string> CreateThreadAsync(string channelId, string name, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["name"] = Core.Text.UserText.Cut(name, 100), ["type"] = 11, ["auto_archive_duration"] = 1440 };
        using var json = await SendAsync(HttpMethod.Post, $"channels/{channelId}/threads", "channels/{id}/threads", channelId, body, authorized: true, expires: null, cancellationToken);
        return IdOf(json, "thread");
    }

    private static string? MaybeIdOf(JsonDocument? json) =>
        json?.RootElement.ValueKind is JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String && id.GetString() is { Length: > 0 } value
            ? value
            : null;

    private static string IdOf(JsonDocument? json, string what) =>
        json?.RootElement.ValueKind is JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String && id.GetString() is { Length: > 0 } value
            ? value
            : throw new HttpRequestException($"Discord created a {what} without saying its id.");

    /// <summary>Archives a session's thread once the session has ended.</summary>
    public async Task ArchiveThreadAsync(string threadId, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Patch, $"channels/{threadId}", "channels/{id}", threadId, new JsonObject { ["archived"] = true }, authorized: true, expires: null, cancellationToken);
    }

    /// <summary>
    /// Posts a message as the bot; returns its id. A nonce the retries share keeps a retried post from
    /// appearing twice; a caller that may post the same message again later (the outbox) gives its own.
    /// </summary>
    /// <param name="file">A file to attach (multipart, <c>files[0]</c>), or null.</param>
    public async Task<string> PostMessageAsync(string channelId, JsonObject message, CancellationToken cancellationToken, string? nonce = null, CalendarFile? file = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        message = message.DeepClone().AsObject();
        message["nonce"] = nonce ?? Guid.NewGuid().ToString("N")[..25];
        message["enforce_nonce"] = true;
        using var json = await SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", "channels/{id}/messages", channelId, message, authorized: true, expires: null, cancellationToken, file);
        return IdOf(json, "message");
    }

    /// <summary>Edits a message the bot posted in a channel or thread (here: to take its buttons off).</summary>
    public async Task EditMessageAsync(string channelId, string messageId, JsonObject edit, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(
            HttpMethod.Patch, $"channels/{channelId}/messages/{messageId}", "channels/{id}/messages/{id}", channelId, edit, authorized: true, expires: null, cancellationToken);
    }

    /// <summary>The direct-message channel between the bot and a user (Discord gives the same one every time); returns its id.</summary>
    public async Task<string> OpenDirectChannelAsync(string userId, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(
            HttpMethod.Post, "users/@me/channels", "users/@me/channels", "", new JsonObject { ["recipient_id"] = userId }, authorized: true, expires: null, cancellationToken);
        return IdOf(json, "direct-message channel");
    }

    public async Task RegisterCommandsAsync(JsonArray commands, CancellationToken cancellationToken)
    {
        var path = options.GuildId is { Length: > 0 } guild
            ? $"applications/{options.ApplicationId}/guilds/{guild}/commands"
            : $"applications/{options.ApplicationId}/commands";
        using var _ = await SendAsync(HttpMethod.Put, path, "applications/{id}/commands", "", commands, authorized: true, expires: null, cancellationToken);
    }

    /// <param name="expires">When the interaction's token stops being usable: no attempt starts later, whatever <see cref="DiscordOptions.RetryDeadline"/> allows.</param>
    /// <returns>The message's id, when Discord says it.</returns>
    /// <param name="file">A file to attach (multipart, <c>files[0]</c>), or null.</param>
    public async Task<string?> EditOriginalAsync(string token, JsonObject message, DateTimeOffset expires, CancellationToken cancellationToken, CalendarFile? file = null)
    {
        using var json = await SendAsync(
            HttpMethod.Patch, $"webhooks/{options.ApplicationId}/{token}/messages/@original", "webhooks/{token}/messages/@original", token, message, authorized: false, expires, cancellationToken, file);
        return MaybeIdOf(json);
    }

    /// <summary>The id of the interaction's first response, which Discord does not say when it is given inline.</summary>
    public async Task<string?> OriginalIdAsync(string token, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(HttpMethod.Get, $"webhooks/{options.ApplicationId}/{token}/messages/@original", "webhooks/{token}/messages/@original", token, null, authorized: false, expires, cancellationToken);
        return MaybeIdOf(json);
    }

    public async Task DeleteOriginalAsync(string token, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Delete, $"webhooks/{options.ApplicationId}/{token}/messages/@original", "webhooks/{token}/messages/@original", token, null, authorized: false, expires, cancellationToken);
    }

    /// <returns>The message's id, when Discord says it.</returns>
    /// <param name="file">A file to attach (multipart, <c>files[0]</c>), or null.</param>
    public async Task<string?> FollowUpAsync(string token, JsonObject message, DateTimeOffset expires, CancellationToken cancellationToken, CalendarFile? file = null)
    {
        using var json = await SendAsync(HttpMethod.Post, $"webhooks/{options.ApplicationId}/{token}", "webhooks/{token}", token, message, authorized: false, expires, cancellationToken, file);
        return MaybeIdOf(json);
    }

    /// <summary>The guild a channel belongs to, or null for a channel outside any guild (a direct message).</summary>
    public async Task<string?> GuildOfChannelAsync(string channelId, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(HttpMethod.Get, $"channels/{channelId}", "channels/{id}", channelId, null, authorized: true, expires: null, cancellationToken);
        return json?.RootElement.ValueKind is JsonValueKind.Object && json.RootElement.TryGetProperty("guild_id", out var guild) && guild.ValueKind is JsonValueKind.String
            ? guild.GetString()
            : null;
    }

    /// <summary>Creates a scheduled event in a guild; returns its id.</summary>
    public async Task<string> CreateEventAsync(string guildId, JsonObject scheduledEvent, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(
            HttpMethod.Post, $"guilds/{guildId}/scheduled-events", "guilds/{id}/scheduled-events", guildId, scheduledEvent, authorized: true, expires: null, cancellationToken);
        return IdOf(json, "scheduled-event");
    }

    /// <summary>Changes a scheduled event of a guild (its times, place or status).</summary>
    public async Task EditEventAsync(string guildId, string eventId, JsonObject change, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(
            HttpMethod.Patch, $"guilds/{guildId}/scheduled-events/{eventId}", "guilds/{id}/scheduled-events/{id}", guildId, change, authorized: true, expires: null, cancellationToken);
    }

    /// <param name="route">The route's template, which is what logs show (never a token).</param>
    /// <param name="major">The route's major parameter (channel id, webhook token): buckets are kept per route and major parameter.</param>
    /// <param name="expires">For webhook routes, when the interaction's token stops being usable.</param>
    /// <param name="file">A file to upload with the message: the body then goes as multipart/form-data.</param>
    private async Task<JsonDocument?> SendAsync(
        HttpMethod method, string path, string route, string major, JsonNode? body, bool authorized, DateTimeOffset? expires, CancellationToken cancellationToken,
        CalendarFile? file = null)
    {
        using var client = http.CreateClient("discord");
        var address = new Uri(options.ApiBaseUrl.ToString().TrimEnd('/') + "/" + path);
        var webhook = route.StartsWith("webhooks/", StringComparison.Ordinal);
        // A bot message carries a nonce, and a direct-message channel is the same one each time it is asked for.
        var repeatable = method != HttpMethod.Post || route is "channels/{id}/messages" or "users/@me/channels";
        var bucket = route + " " + major;
        var deadline = time.GetUtcNow() + options.RetryDeadline;
        if (expires is { } end && end < deadline)
        {
            deadline = end;
        }

        if (time.GetUtcNow() >= deadline)
        {
            LogExpired(logger, method.Method, route);
            throw new HttpRequestException($"Discord {method} {route} was not sent: the interaction's token has expired.");
        }

        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, address);
            if (file is not null)
            {
                request.Content = WithFile(body as JsonObject ?? [], file);
            }
            else if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            if (authorized)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bot " + options.BotToken);
            }

            await WaitForBucketAsync(bucket, webhook, cancellationToken);
            TimeSpan wait;
            string failure;
            try
            {
                using var response = await client.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                Remember(bucket, response);
                if (response.IsSuccessStatusCode)
                {
                    return text.Length == 0 ? null : JsonDocument.Parse(text);
                }

                failure = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (response.StatusCode is HttpStatusCode.TooManyRequests)
                {
                    wait = RateLimited(bucket, webhook, text);
                }
                else if ((int)response.StatusCode >= 500)
                {
                    wait = Backoff(attempt);
                }
                else
                {
                    LogRefused(logger, method.Method, route, (int)response.StatusCode);
                    throw new HttpRequestException($"Discord refused {method} {route}: {(int)response.StatusCode}.", null, response.StatusCode);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException { StatusCode: null } or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failure = ex.GetType().Name;
                if (!repeatable && !NeverSent(ex))
                {
                    LogUncertain(logger, method.Method, route, failure);
                    throw new DeliveryUncertainException($"Discord {method} {route} was sent but not answered ({failure}); it is not tried again.", ex);
                }

                // Nothing was answered, and trying again cannot make anything appear twice.
                wait = Backoff(attempt);
            }

            if (time.GetUtcNow() + wait > deadline)
            {
                LogGaveUp(logger, method.Method, route, attempt, failure);
                throw new HttpRequestException($"Discord {method} {route} still failed ({failure}) after {attempt} attempts.");
            }

            LogRetrying(logger, method.Method, route, failure, attempt, wait.TotalMilliseconds);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>
    /// A message with a file, as Discord takes uploads: the message as <c>payload_json</c>, naming the file in
    /// <c>attachments</c> by the id of its part, <c>files[0]</c>. Made afresh for each attempt.
    /// </summary>
    private static MultipartFormDataContent WithFile(JsonObject message, CalendarFile file)
    {
        var payload = message.DeepClone().AsObject();
        payload["attachments"] = new JsonArray(new JsonObject { ["id"] = "0", ["filename"] = file.Name });
        var content = new MultipartFormDataContent
        {
            { new StringContent(payload.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "payload_json" },
        };
        var bytes = new ByteArrayContent(file.Content);
        bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/calendar") { CharSet = "utf-8" };
        content.Add(bytes, "files[0]", file.Name);
        return content;
    }

    /// <summary>The request never reached Discord: no connection could be made.</summary>
    private static bool NeverSent(Exception ex) => ex is HttpRequestException
    {
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
    };

    private TimeSpan Backoff(int attempt) => RetryDelay.For(options.RetryBaseDelay, attempt);

    private TimeSpan RateLimited(string bucket, bool webhook, string text)
    {
        double seconds = 1;
        var global = false;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind is JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("retry_after", out var retry) && retry.TryGetDouble(out var after))
                {
                    seconds = after;
                }

                global = json.RootElement.TryGetProperty("global", out var g) && g.ValueKind is JsonValueKind.True;
            }
        }
        catch (JsonException)
        {
            // A 429 without a readable body waits a second.
        }

        var wait = TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 60));
        var until = time.GetUtcNow() + wait;
        if (global && !webhook)
        {
            HoldAllUntil(until);
        }
        else
        {
            _routeResets[bucket] = until;
        }

        return TimeSpan.Zero;
    }

    /// <summary>Moves the global limit's end later, never earlier: of two global 429s at once, the longer wait holds.</summary>
    private void HoldAllUntil(DateTimeOffset until)
    {
        var ticks = until.UtcTicks;
        var seen = Volatile.Read(ref _globalResetTicks);
        while (seen < ticks)
        {
            var was = Interlocked.CompareExchange(ref _globalResetTicks, ticks, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }

    private async Task WaitForBucketAsync(string bucket, bool webhook, CancellationToken cancellationToken)
    {
        var until = _routeResets.TryGetValue(bucket, out var reset) ? reset : DateTimeOffset.MinValue;
        var globalReset = new DateTimeOffset(Volatile.Read(ref _globalResetTicks), TimeSpan.Zero);
        if (!webhook && globalReset > until)
        {
            until = globalReset;
        }

        var wait = until - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private void Remember(string bucket, HttpResponseMessage response)
    {
        var now = time.GetUtcNow();
        if (response.Headers.TryGetValues("X-RateLimit-Remaining", out var remaining) && remaining.FirstOrDefault() == "0"
            && response.Headers.TryGetValues("X-RateLimit-Reset-After", out var resetAfter)
            && double.TryParse(resetAfter.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            _routeResets[bucket] = now + TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 60));
        }

        if (_routeResets.Count > 1000)
        {
            // Webhook routes are per interaction token: forget the buckets whose wait is over.
            foreach (var (key, until) in _routeResets)
            {
                if (until < now)
                {
                    _routeResets.TryRemove(key, out _);
                }
            }
        }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Discord {Method} {Route} failed ({Failure}, attempt {Attempt}); trying again in {WaitMs:F0} ms")]
    private static partial void LogRetrying(ILogger logger, string method, string route, string failure, int attempt, double waitMs);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "Discord {Method} {Route} still failed ({Failure}) after {Attempts} attempts; giving up")]
    private static partial void LogGaveUp(ILogger logger, string method, string route, int attempts, string failure);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Error, Message = "Discord {Method} {Route} was not sent: the interaction's token has expired")]
    private static partial void LogExpired(ILogger logger, string method, string route);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning, Message = "Discord {Method} {Route} was sent but not answered ({Failure}); Discord may have done it, so it is not tried again")]
    private static partial void LogUncertain(ILogger logger, string method, string route, string failure);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Discord refused {Method} {Route} with status {Status}")]
    private static partial void LogRefused(ILogger logger, string method, string route, int status);
}
