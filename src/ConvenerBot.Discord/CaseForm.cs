using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Discord;

/// <summary>The form (modal) <c>/case open</c> shows when it is used without a title: a title and a long description.</summary>
internal static class CaseForm
{
    public const string CustomId = "case-open";

    public static JsonObject Build() => new()
    {
        ["custom_id"] = CustomId,
        ["title"] = "Bring a case",
        ["components"] = new JsonArray(
            Row(Input("title", "Title", style: 1, required: true, maxLength: CommandParser.MaxTitleLength, "A short name for your challenge")),
            Row(Input("description", "Description", style: 2, required: false, maxLength: UserText.MaxLength, "What is happening, what is at stake, what you would like from the group"))),
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
