using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Discord;

/// <summary>
/// The interactions endpoint, <c>POST /discord/interactions</c>. The signature is checked over the bytes
/// exactly as they arrived, before anything is read from them: a bad or missing signature or a stale
/// timestamp gets 401. A PING gets a PONG; a signed interaction that is malformed (not UTF-8 JSON, a
/// field missing or of the wrong kind, broken Unicode) gets 400 and one log line;
/// commands, button presses and autocompletion go to <see cref="InteractionResponder"/>.
/// </summary>
public static partial class DiscordInteractions
{
    public const string Path = "/discord/interactions";
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(Path, ReceiveAsync);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, InteractionVerifier verifier, InteractionResponder responder, InteractionWork later, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(DiscordInteractions).FullName!);
        // Discord's clock starts when it sends; everything from here on counts against the inline budget.
        var started = time.GetTimestamp();
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
            return Malformed(logger, "not valid JSON (or not UTF-8)");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind is not JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || !typeElement.TryGetInt32(out var type))
            {
                return Malformed(logger, "not a JSON object with a numeric type");
            }

            if (type == 1)
            {
                return Results.Json(new { type = 1 });
            }

            if (type is < 2 or > 5)
            {
                return Malformed(logger, $"unknown interaction of type {type}");
            }

            JsonObject response;
            AfterResponse? after = null;
            try
            {
                var context = InteractionTranslator.Context(root, type);
                if (type == 4)
                {
                    var conversation = new Core.Conversations.ConversationRef(DiscordGateway.PlatformName, context.GroupId);
                    response = await responder.SuggestAsync(conversation, InteractionTranslator.Focused(root), started);
                }
                else
                {
                    (response, after) = await responder.RespondAsync(InteractionTranslator.Interpret(root, context), started);
                }
            }
            catch (MalformedInteractionException ex)
            {
                return Malformed(logger, ex.Message);
            }

            if (after is not null)
            {
                http.Response.OnCompleted(() =>
                {
                    later.Start(after);
                    return Task.CompletedTask;
                });
            }

            return Results.Content(response.ToJsonString(), "application/json");
        }
    }

    private static IResult Malformed(ILogger logger, string reason)
    {
        LogMalformed(logger, reason);
        return Results.BadRequest(new { message = $"Malformed interaction: {reason}." });
    }

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Refused a signed but malformed Discord interaction: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string reason);

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
