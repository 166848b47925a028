using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Discord;

/// <summary>
/// The slash commands, derived from the <see cref="CommandTable"/> and registered with one bulk overwrite:
/// a first word with subcommands becomes a command with subcommands, every argument a typed option
/// named as in the table (numbers are integers offered by autocomplete, choices are fixed choices, a
/// member is a user picked from the server).
/// </summary>
internal static class DiscordCommands
{
    private const int SubCommand = 1;
    private const int Text = 3;
    private const int Integer = 4;
    private const int Boolean = 5;
    private const int User = 6;

    /// <summary>Discord's limit for command and option descriptions.</summary>
    public const int MaxDescription = 100;

    public static JsonArray All(string language = MessageCatalog.DefaultLanguage) =>
    [
        .. CommandTable.Tops.Select(top =>
        {
            var subs = CommandTable.SubcommandsOf(top);
            return subs.Count > 0
                ? Command(top, Say(language, $"menu.{top}"), subs.Any(d => d.InPrivateChat), [.. subs.Select(d => Sub(d, language))])
                : Command(top, Say(language, CommandTable.Find(top, null)!.HelpKey), CommandTable.Find(top, null)!.InPrivateChat, Options(CommandTable.Find(top, null)!, language));
        }),
    ];

    /// <summary>A command; those offered in private chats may be used in direct messages with the bot (context 1), the rest only in servers (context 0).</summary>
    private static JsonObject Command(string name, string description, bool inPrivateChat, JsonArray options) => new()
    {
        ["name"] = name,
        ["description"] = description,
        ["type"] = 1,
        ["options"] = options,
        ["contexts"] = inPrivateChat ? new JsonArray(0, 1) : new JsonArray(0),
    };

    private static JsonObject Sub(CommandDescriptor descriptor, string language) => new()
    {
        ["name"] = descriptor.Sub,
        ["description"] = Say(language, descriptor.HelpKey),
        ["type"] = SubCommand,
        ["options"] = Options(descriptor, language),
    };

    private static JsonArray Options(CommandDescriptor descriptor, string language) =>
        [.. descriptor.Args.Select(arg => (JsonNode)Option(descriptor, arg, language))];

    private static JsonObject Option(CommandDescriptor descriptor, CommandArg arg, string language)
    {
        var type = arg.Kind switch
        {
            ArgKind.Number => Integer,
            ArgKind.Member => User,
            ArgKind.Flag => Boolean,
            _ => Text,
        };

        // A command that offers a form asks for what is missing there; a member can only be picked here.
        var required = arg.Kind is ArgKind.Member || (arg.Required || arg.RequiredInForms) && !descriptor.OffersForm;
        var option = new JsonObject { ["name"] = arg.Name, ["description"] = Say(language, arg.HintKey), ["type"] = type, ["required"] = required };
        if (arg.NumberOf is "case" or "session")
        {
            // Case and session numbers are offered while the member types.
            option["autocomplete"] = true;
        }

        if (type == Integer)
        {
            option["min_value"] = 1;
            option["max_value"] = int.MaxValue;
        }

        if (type == Text && (arg.MaxLength ?? (arg.Kind is ArgKind.Rest ? UserText.MaxLength : null)) is { } max)
        {
            option["max_length"] = max;
        }

        if (arg.Choices.Count > 0)
        {
            option["choices"] = new JsonArray([.. arg.Choices.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["value"] = c })]);
        }

        return option;
    }

    /// <summary>A description as Discord shows it: capitalised, within its limit.</summary>
    private static string Say(string language, string key)
    {
        var text = MessageCatalog.Default.Render(language, key);
        text = text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;
        return UserText.Shorten(text, MaxDescription);
    }
}
