using System.Text.Json;
using System.Text.Json.Nodes;
using ConvenerBot.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Discord;

/// <summary>
/// Answers commands and button presses within Discord's 3-second window: inline when the engine is done
/// within <see cref="InlineBudget"/>, otherwise deferred and completed through the interaction webhook.
/// Messages that do not fit in one response follow as follow-ups once the response has gone out.
/// Refusals are shown only to the member who asked. No message can mention anyone.
/// </summary>
internal sealed partial class InteractionResponder(IConvener convener, DiscordRest rest, TimeProvider time, ILogger<InteractionResponder> logger)
{
    public static readonly TimeSpan InlineBudget = TimeSpan.FromSeconds(2);

    /// <summary>The initial response, and work to run once it has been sent (follow-ups).</summary>
    public async Task<(JsonObject Response, Func<Task>? After)> RespondAsync(JsonElement interaction, int type)
    {
        if (type == 4)
        {
            return (new JsonObject { ["type"] = 8, ["data"] = new JsonObject { ["choices"] = await ChoicesAsync(interaction) } }, null);
        }

        if (type == 2 && InteractionTranslator.WantsCaseForm(interaction.GetProperty("data")))
        {
            return (new JsonObject { ["type"] = 9, ["data"] = CaseForm.Build() }, null);
        }

        var inbound = InteractionTranslator.Translate(interaction, type);
        if (inbound is null)
        {
            return (Message(4, Payload("I cannot use this interaction here.", null, null, ephemeral: true)), null);
        }

        if (type == 3 && inbound.Button is null)
        {
            return (Message(4, Payload("This button is not valid (any more).", null, null, ephemeral: true)), null);
        }

        var token = interaction.GetProperty("token").GetString()!;
        var (channelId, inThread, _) = InteractionTranslator.ChannelOf(interaction);
        var channel = (channelId, inThread);
        var work = convener.HandleAsync(inbound, CancellationToken.None);
        if (await Task.WhenAny(work, Task.Delay(InlineBudget, time)) == work)
        {
            var reply = await work;
            var payloads = Payloads(reply);
            return (Message(4, payloads[0]), payloads.Count > 1 ? () => RestAsync(token, channel, reply, payloads.Skip(1)) : null);
        }

        return (new JsonObject { ["type"] = 5 }, () => CompleteLaterAsync(token, channel, work));
    }

    /// <summary>Autocomplete: the group's case or session numbers that match what the member has typed so far.</summary>
    private async Task<JsonArray> ChoicesAsync(JsonElement interaction)
    {
        if (InteractionTranslator.Focused(interaction) is not { } focused)
        {
            return [];
        }

        var conversation = new ConversationRef("discord", InteractionTranslator.ChannelOf(interaction).GroupId);
        var suggestions = await convener.SuggestAsync(conversation, focused.Kind, focused.Typed, 25, CancellationToken.None);
        return new JsonArray([.. suggestions.Select(s => (JsonNode)new JsonObject { ["name"] = s.Label, ["value"] = s.Number })]);
    }

    private async Task CompleteLaterAsync(string token, (string Id, bool IsThread) channel, Task<Reply> work)
    {
        try
        {
            var reply = await work;
            var payloads = Payloads(reply);
            payloads[0].Remove("flags");
            await rest.EditOriginalAsync(token, payloads[0], CancellationToken.None);
            await RestAsync(token, channel, reply, payloads.Skip(1));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            LogFollowUpFailed(logger, ex);
        }
    }

    /// <summary>
    /// What follows the first message: in a thread of its own when the reply starts a session (and we are
    /// not in a thread already), otherwise as follow-ups of the interaction.
    /// </summary>
    private async Task RestAsync(string token, (string Id, bool IsThread) channel, Reply reply, IEnumerable<JsonObject> payloads)
    {
        if (reply.Messages.FirstOrDefault(m => m.OpensSpace is not null)?.OpensSpace is { } title && !channel.IsThread && !reply.Refused)
        {
            try
            {
                var thread = await rest.CreateThreadAsync(channel.Id, title, CancellationToken.None);
                foreach (var payload in payloads)
                {
                    await rest.PostMessageAsync(thread, payload, CancellationToken.None);
                }

                return;
            }
            catch (HttpRequestException ex)
            {
                LogThreadFailed(logger, ex);
            }
        }

        await FollowUpAsync(token, payloads);
    }

    private async Task FollowUpAsync(string token, IEnumerable<JsonObject> payloads)
    {
        try
        {
            foreach (var payload in payloads)
            {
                await rest.FollowUpAsync(token, payload, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            LogFollowUpFailed(logger, ex);
        }
    }

    private static List<JsonObject> Payloads(Reply reply)
    {
        if (reply.AlreadyHandled)
        {
            return [Payload("This was already done.", null, null, ephemeral: true)];
        }

        var payloads = new List<JsonObject>();
        foreach (var message in reply.Messages)
        {
            var chunks = DiscordText.Render(message);
            for (var i = 0; i < chunks.Count; i++)
            {
                var last = i == chunks.Count - 1;
                payloads.Add(Payload(chunks[i], last ? message.Actions : null, message.Stage, reply.Refused));
            }
        }

        return payloads.Count == 0 ? [Payload("Done.", null, null, ephemeral: true)] : payloads;
    }

    private static JsonObject Message(int type, JsonObject data) => new() { ["type"] = type, ["data"] = data };

    private static JsonObject Payload(string content, IReadOnlyList<StageAction>? actions, StageRef? stage, bool ephemeral)
    {
        var payload = new JsonObject
        {
            ["content"] = content,
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
        if (ephemeral)
        {
            payload["flags"] = 64;
        }

        if (actions is { Count: > 0 } && stage is { } current)
        {
            var buttons = new JsonArray();
            foreach (var action in actions)
            {
                buttons.Add(new JsonObject
                {
                    ["type"] = 2,
                    ["style"] = action switch { StageAction.Next => 1, StageAction.Back => 2, _ => 4 },
                    ["label"] = action switch { StageAction.Next => "Next", StageAction.Back => "Back", _ => "End session" },
                    ["custom_id"] = StageButtonCode.Encode(action, current),
                });
            }

            payload["components"] = new JsonArray(new JsonObject { ["type"] = 1, ["components"] = buttons });
        }

        return payload;
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Could not open a thread for the session; it continues in the channel")]
    private static partial void LogThreadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Completing a Discord interaction through its webhook failed")]
    private static partial void LogFollowUpFailed(ILogger logger, Exception exception);
}
