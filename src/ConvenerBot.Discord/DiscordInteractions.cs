using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConvenerBot.Discord;

/// <summary>
/// The interactions endpoint, <c>POST /discord/interactions</c>. The signature is checked over the bytes
/// exactly as they arrived, before anything is read from them: a bad or missing signature or a stale
/// timestamp gets 401. A PING gets a PONG; malformed JSON or an unknown interaction type gets 400;
/// commands, button presses and autocompletion go to <see cref="InteractionResponder"/>.
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

    private static async Task<IResult> ReceiveAsync(HttpContext http, InteractionVerifier verifier, InteractionResponder responder)
    {
        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null
            || !verifier.IsFromDiscord(http.Request.Headers["X-Signature-Ed25519"], http.Request.Headers["X-Signature-Timestamp"], body))
        {
            return Results.Unauthorized();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Results.BadRequest(new { message = "The interaction is not valid JSON." });
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind is not JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || !typeElement.TryGetInt32(out var type))
            {
                return Results.BadRequest(new { message = "An interaction must be a JSON object with a numeric type." });
            }

            if (type == 1)
            {
                return Results.Json(new { type = 1 });
            }

            if (type is < 2 or > 5 || !root.TryGetProperty("token", out _) || !root.TryGetProperty("data", out _))
            {
                return Results.BadRequest(new { message = $"Unknown or incomplete interaction of type {type}." });
            }

            var (response, after) = await responder.RespondAsync(root, type);
            if (after is not null)
            {
                http.Response.OnCompleted(() =>
                {
                    _ = Task.Run(after);
                    return Task.CompletedTask;
                });
            }

            return Results.Content(response.ToJsonString(), "application/json");
        }
    }

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
