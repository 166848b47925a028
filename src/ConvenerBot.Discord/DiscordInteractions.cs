using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConvenerBot.Discord;

/// <summary>
/// The interactions endpoint, <c>POST /discord/interactions</c>. The signature is checked over the bytes
/// exactly as they arrived, before anything is read from them: a bad or missing signature or a stale
/// timestamp gets 401. A PING gets a PONG; malformed JSON or an unknown interaction type gets 400.
/// </summary>
public static class DiscordInteractions
{
    public const string Path = "/discord/interactions";
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(Path, ReceiveAsync);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, InteractionVerifier verifier)
    {
        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null
            || !verifier.IsFromDiscord(http.Request.Headers["X-Signature-Ed25519"], http.Request.Headers["X-Signature-Timestamp"], body))
        {
            return Results.Unauthorized();
        }

        int type;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind is not JsonValueKind.Object
                || !document.RootElement.TryGetProperty("type", out var typeElement)
                || !typeElement.TryGetInt32(out type))
            {
                return Results.BadRequest(new { message = "An interaction must be a JSON object with a numeric type." });
            }
        }
        catch (JsonException)
        {
            return Results.BadRequest(new { message = "The interaction is not valid JSON." });
        }

        return type switch
        {
            1 => Results.Json(new { type = 1 }),
            2 or 3 or 4 or 5 => Results.Json(NotYet),
            _ => Results.BadRequest(new { message = $"Unknown interaction type {type}." }),
        };
    }

    /// <summary>
    /// Commands are not served on Discord yet: the member is told so privately (ephemeral), with no
    /// mentions allowed, rather than seeing the interaction fail.
    /// </summary>
    private static readonly object NotYet = new
    {
        type = 4,
        data = new
        {
            content = "ConvenerBot does not run sessions on Discord yet. Use it on Telegram or in the local terminal chat for now.",
            flags = 64,
            allowed_mentions = new { parse = Array.Empty<string>() },
        },
    };

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
