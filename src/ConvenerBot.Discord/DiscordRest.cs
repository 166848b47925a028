using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConvenerBot.Discord;

/// <summary>
/// The few REST calls the adapter makes: registering commands (one bulk overwrite), editing the deferred
/// original response and posting follow-ups through the interaction webhook. A 429 is waited out for the
/// retry_after Discord names and retried, up to three times.
/// </summary>
internal sealed class DiscordRest(IHttpClientFactory http, DiscordOptions options, TimeProvider time)
{
    public Task RegisterCommandsAsync(JsonArray commands, CancellationToken cancellationToken)
    {
        var path = options.GuildId is { Length: > 0 } guild
            ? $"applications/{options.ApplicationId}/guilds/{guild}/commands"
            : $"applications/{options.ApplicationId}/commands";
        return SendAsync(HttpMethod.Put, path, commands, authorized: true, cancellationToken);
    }

    public Task EditOriginalAsync(string token, JsonObject message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"webhooks/{options.ApplicationId}/{token}/messages/@original", message, authorized: false, cancellationToken);

    public Task FollowUpAsync(string token, JsonObject message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"webhooks/{options.ApplicationId}/{token}", message, authorized: false, cancellationToken);

    private async Task SendAsync(HttpMethod method, string path, JsonNode body, bool authorized, CancellationToken cancellationToken)
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

            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode is not HttpStatusCode.TooManyRequests || attempt >= 3)
            {
                response.EnsureSuccessStatusCode();
                return;
            }

            var wait = 1.0;
            using (var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)))
            {
                if (json.RootElement.TryGetProperty("retry_after", out var retry) && retry.TryGetDouble(out var seconds))
                {
                    wait = Math.Clamp(seconds, 0, 60);
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(wait), time, cancellationToken);
        }
    }
}
