using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Discord;

/// <summary>
/// Message bodies the bot sends: content, components and flags. Every body says
/// <c>allowed_mentions: {parse: []}</c>, so no message can mention anyone. The bot's own labels (buttons,
/// the thread link) are written in the language given, the language of the reply they belong to.
/// </summary>
internal static class DiscordMessages
{
    public const int Ephemeral = 64;

    public static JsonObject Text(string content, bool ephemeral, JsonArray? components = null)
    {
        var payload = new JsonObject
        {
            ["content"] = content,
            ["allowed_mentions"] = NoMentions(),
        };
        if (ephemeral)
        {
            payload["flags"] = Ephemeral;
        }

        if (components is not null)
        {
            payload["components"] = components;
        }

        return payload;
    }

    public static JsonObject NoMentions() => new() { ["parse"] = new JsonArray() };

    /// <summary>The line added to a session's start message that links to the session's thread.</summary>
    public static string ThreadLink(string thread, string language) => "\n" + Render(language, "discord.thread-link", ("thread", $"<#{thread}>"));

    /// <summary>One message, split under Discord's 2,000 characters; its buttons go under the last part.</summary>
    public static List<JsonObject> Render(OutboundMessage message, bool ephemeral, string language)
    {
        var chunks = DiscordText.Render(message);
        return [.. chunks.Select((chunk, i) => Text(chunk, ephemeral, i == chunks.Count - 1 ? Components(message, language) : null))];
    }

    /// <summary>Stage buttons, contribution buttons (each opens a form), a session's answer buttons and page buttons, a row each.</summary>
    public static JsonArray? Components(OutboundMessage message, string language)
    {
        var rows = new JsonArray();
        if (message.Stage is { } stage && message.Actions is { Count: > 0 } actions)
        {
            rows.Add(Row(actions.Select(action => Button(
                StageButtonCode.Encode(action, stage),
                action is StageAction.Extend
                    ? Render(language, "platform.button.extend", ("minutes", ExtendStageHandler.ButtonMinutes))
                    : Render(language, action switch
                    {
                        StageAction.Next => "platform.button.next",
                        StageAction.Back => "platform.button.back",
                        StageAction.ConfirmEnd => "platform.button.confirm-end",
                        StageAction.Start => "platform.button.start",
                        _ => "platform.button.end",
                    }),
                action switch { StageAction.Next or StageAction.Start => 1, StageAction.Back or StageAction.Extend => 2, _ => 4 }))));
        }

        if (message.Stage is { } prompt && message.Contributions is { Count: > 0 } verbs)
        {
            rows.Add(Row(verbs.Select(verb => Button(ButtonCode.Contribute(verb, prompt), ContributionLabel(verb, language), 3))));
        }

        if (message.RsvpFor is { } session)
        {
            rows.Add(Row(RsvpButtonCode.Answers.Select(answer => Button(
                RsvpButtonCode.Encode(answer, session),
                Render(language, answer switch
                {
                    RsvpAnswer.Going => "platform.button.rsvp.going",
                    RsvpAnswer.Maybe => "platform.button.rsvp.maybe",
                    RsvpAnswer.No => "platform.button.rsvp.no",
                    _ => "platform.button.rsvp.case",
                }),
                answer switch { RsvpAnswer.Going => 3, RsvpAnswer.Case => 1, _ => 2 }))));
        }

        if (message.Page is { Pages: > 1 } page)
        {
            var buttons = new List<JsonObject>();
            if (page.Page > 1)
            {
                buttons.Add(Button(ButtonCode.Page(page.List, page.Page - 1), Render(language, "platform.button.previous"), 2));
            }

            if (page.Page < page.Pages)
            {
                buttons.Add(Button(ButtonCode.Page(page.List, page.Page + 1), Render(language, "platform.button.next"), 2));
            }

            rows.Add(Row(buttons));
        }

        return rows.Count == 0 ? null : rows;
    }

    /// <summary>A contribution button's label, which is also the title of the form it opens.</summary>
    public static string ContributionLabel(ContributionVerb verb, string language) => Render(language, verb switch
    {
        ContributionVerb.Ask => "discord.contribute.ask",
        ContributionVerb.Idea => "discord.contribute.idea",
        ContributionVerb.Step => "discord.contribute.step",
        _ => "discord.contribute.learning",
    });

    /// <summary>The adapter's own words, from the message catalog.</summary>
    public static string Render(string language, string key, params (string Name, object? Value)[] args) => MessageCatalog.Default.Render(language, key, args);

    private static JsonObject Row(IEnumerable<JsonObject> buttons) =>
        new() { ["type"] = 1, ["components"] = new JsonArray([.. buttons]) };

    private static JsonObject Button(string customId, string label, int style) => new()
    {
        ["type"] = 2,
        ["style"] = style,
        ["label"] = label,
        ["custom_id"] = customId,
    };
}
