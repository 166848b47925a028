using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Discord;

/// <summary>
/// The form a contribution button opens: one long text field. Its custom id is the button's own code
/// (<c>c:ask:12:3</c>), so the submission names the verb and the stage it was written for. Its words are in
/// <paramref name="language"/>.
/// </summary>
internal static class ContributionForm
{
    public const string TextId = "text";

    public static JsonObject Build(ContributionVerb verb, StageRef stage, string language) => new()
    {
        ["custom_id"] = ButtonCode.Contribute(verb, stage),
        ["title"] = DiscordMessages.ContributionLabel(verb, language),
        ["components"] = new JsonArray(new JsonObject
        {
            ["type"] = 1,
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 4,
                ["custom_id"] = TextId,
                ["style"] = 2,
                ["label"] = DiscordMessages.Render(language, verb switch
                {
                    ContributionVerb.Ask => "discord.contribute.field.ask",
                    ContributionVerb.Idea => "discord.contribute.field.idea",
                    ContributionVerb.Step => "discord.contribute.field.step",
                    _ => "discord.contribute.field.learning",
                }),
                ["required"] = true,
                ["max_length"] = UserText.MaxLength,
            }),
        }),
    };
}
