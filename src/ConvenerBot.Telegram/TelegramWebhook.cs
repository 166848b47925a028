using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram;

/// <summary>
/// Webhook mode: Telegram posts each update to <c>POST /telegram/webhook</c> with the configured secret in
/// the <c>X-Telegram-Bot-Api-Secret-Token</c> header. Anything without it gets 401 and is not read. The
/// answer waits until the update is handled, so Telegram redelivers an update the bot could not finish.
/// </summary>
public static class TelegramWebhook
{
    public const string Path = "/telegram/webhook";
    private const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static IEndpointRouteBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(Path, ReceiveAsync);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, TelegramOptions options, ChatQueues queues, ILoggerFactory loggers)
    {
        var given = Encoding.UTF8.GetBytes(http.Request.Headers[SecretHeader].ToString());
        var expected = Encoding.UTF8.GetBytes(options.SecretToken ?? "");
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return Results.Unauthorized();
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(http.Request.Body, JsonBotAPI.Options, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            Log.Malformed(loggers.CreateLogger(typeof(TelegramWebhook)), ex);
            return Results.BadRequest("The update is not valid JSON.");
        }

        if (update is null)
        {
            return Results.BadRequest("The update is empty.");
        }

        try
        {
            await queues.EnqueueAsync(update);
        }
        catch (OperationCanceledException)
        {
            // The bot stopped before the update was handled: Telegram delivers it again after a non-2xx answer.
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok();
    }
}
