using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Discord;

/// <summary>
/// The form (modal) <c>/case open</c> shows when it is used without a title: a title and a long description,
/// labelled in <paramref name="language"/> (the form comes before the engine, so before any group's language is known).
/// </summary>
internal static class CaseForm
{
    public const string CustomId = "case-open";

    public static JsonObject Build(string language) => new()
    {
        ["custom_id"] = CustomId,
        ["title"] = DiscordMessages.Render(language, "discord.case-form.title"),
        ["components"] = new JsonArray(
            Row(Input("title", DiscordMessages.Render(language, "discord.case-form.title-label"), style: 1, required: true, maxLength: CommandParser.MaxTitleLength,
                DiscordMessages.Render(language, "discord.case-form.title-placeholder"))),
            Row(Input("description", DiscordMessages.Render(language, "discord.case-form.description-label"), style: 2, required: false, maxLength: UserText.MaxLength,
                DiscordMessages.Render(language, "discord.case-form.description-placeholder")))),
    };

    private static JsonObject Row(JsonObject input) => new() { ["type"] = 1, ["components"] = new JsonArray(input) };

    private static JsonObject Input(string id, string label, int style, bool required, int maxLength, string placeholder) => new()
    {
        ["type"] = 4,
        ["custom_id"] = id,
        ["style"] = style,
        ["label"] = label,
        ["required"] = required,
        ["max_length"] = maxLength,
        ["placeholder"] = placeholder,
    };
}
