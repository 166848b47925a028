using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Discord;

/// <summary>
/// The form a contribution button opens: one long text field. Its custom id is the button's own code
/// (<c>c:ask:12:3</c>), so the submission names the verb and the stage it was written for.
/// </summary>
internal static class ContributionForm
{
    public const string TextId = "text";

    public static JsonObject Build(ContributionVerb verb, StageRef stage) => new()
    {
        ["custom_id"] = ButtonCode.Contribute(verb, stage),
        ["title"] = DiscordMessages.ContributionLabel(verb),
        ["components"] = new JsonArray(new JsonObject
        {
            ["type"] = 1,
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 4,
                ["custom_id"] = TextId,
                ["style"] = 2,
                ["label"] = verb switch
                {
                    ContributionVerb.Ask => "Your question",
                    ContributionVerb.Idea => "Your idea",
                    ContributionVerb.Step => "The step you choose",
                    _ => "What you take away",
                },
                ["required"] = true,
                ["max_length"] = UserText.MaxLength,
            }),
        }),
    };
}
