using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Discord;

/// <summary>
/// The form (modal) the Bring a case button opens: the title of the case the member would bring. Its custom id
/// is the button's own code (<c>r:case:12</c>), so the submission names the session it answers. Its words are in
/// <paramref name="language"/> (the form comes before the engine, so before any group's language is known).
/// </summary>
internal static class RsvpForm
{
    public const string TitleId = "title";

    public static JsonObject Build(int session, string language) => new()
    {
        ["custom_id"] = RsvpButtonCode.Encode(RsvpAnswer.Case, session),
        ["title"] = DiscordMessages.Render(language, "discord.rsvp-form.title", ("number", session)),
        ["components"] = new JsonArray(new JsonObject
        {
            ["type"] = 1,
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 4,
                ["custom_id"] = TitleId,
                ["style"] = 1,
                ["label"] = DiscordMessages.Render(language, "discord.rsvp-form.title-label"),
                ["required"] = true,
                ["max_length"] = CommandTable.MaxTitleLength,
                ["placeholder"] = DiscordMessages.Render(language, "discord.case-form.title-placeholder"),
            }),
        }),
    };
}
