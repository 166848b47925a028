using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;

namespace ConvenerBot.Telegram.Tests.Fake;

/// <summary>An answer to a Bot API call: its HTTP status and its JSON body.</summary>
internal readonly record struct BotApiReply(int Status, string Json)
{
    public static BotApiReply Ok<T>(T result) =>
        OkJson(JsonSerializer.Serialize(result, JsonBotAPI.Options));

    public static BotApiReply OkJson(string resultJson) =>
        new(200, "{\"ok\":true,\"result\":" + resultJson + "}");

    public static BotApiReply BadRequest(string reason) => Error(400, "Bad Request: " + reason);

    public static BotApiReply Error(int status, string description, int? retryAfter = null, long? migrateToChatId = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }
        else if (migrateToChatId is { } newId)
        {
            body["parameters"] = new JsonObject { ["migrate_to_chat_id"] = newId };
        }

        return new(status, body.ToJsonString());
    }
}
