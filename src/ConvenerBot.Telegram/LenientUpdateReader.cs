using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram;

/// <summary>
/// When the client cannot read a batch of updates because one of them is malformed, the batch is fetched
/// again as raw JSON and read update by update: the readable ones are handled, the unreadable ones are
/// logged and skipped, so one bad update can never stop polling for good.
/// </summary>
internal sealed class LenientUpdateReader(IHttpClientFactory http, TelegramOptions options, ILogger<LenientUpdateReader> logger)
{
    public async Task<(Update[] Updates, int HighestId)> ReadAsync(int offset, CancellationToken cancellationToken)
    {
        using var client = http.CreateClient("telegram");
        var address = new Uri($"{options.ApiBaseUrl.GetLeftPart(UriPartial.Authority)}/bot{options.Token}/getUpdates");
        using var response = await client.PostAsJsonAsync(
            address,
            new { offset, limit = 100, timeout = 0, allowed_updates = TelegramBotService.AllowedUpdates.Select(u => JsonNamingPolicy.SnakeCaseLower.ConvertName(u.ToString())) },
            cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var updates = new List<Update>();
        var highest = offset - 1;
        foreach (var element in document.RootElement.GetProperty("result").EnumerateArray())
        {
            if (element.TryGetProperty("update_id", out var id) && id.TryGetInt32(out var updateId))
            {
                highest = Math.Max(highest, updateId);
            }

            try
            {
                updates.Add(element.Deserialize<Update>(JsonBotAPI.Options) ?? throw new JsonException("The update is null."));
            }
            catch (JsonException ex)
            {
                Log.Malformed(logger, ex);
            }
        }

        return ([.. updates], highest);
    }
}
