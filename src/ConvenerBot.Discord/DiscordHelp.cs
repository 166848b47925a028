using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Discord;

/// <summary>
/// The command list as Discord members type it (<c>/session schedule when:… [case:…]</c>), derived from the
/// <see cref="CommandTable"/>. The list outgrows a message's 2,000 characters, so the commands go in embeds
/// (4,096 characters each) under a short heading, whole lines to an embed.
/// </summary>
internal static class DiscordHelp
{
    /// <summary>How much of an embed's description the help fills, leaving room below Discord's 4,096.</summary>
    private const int EmbedRoom = 4000;

    /// <summary>A new help message each time: a JSON node belongs to one response only.</summary>
    public static JsonObject Message => Render(MessageCatalog.DefaultLanguage);

    /// <summary>The help message (ephemeral): the heading and the buttons' note as content, the commands in embeds.</summary>
    public static JsonObject Render(string language)
    {
        var catalog = MessageCatalog.Default;
        var heading = catalog.Render(language, "discord.help.title") + "\n" + catalog.Render(language, "discord.help.buttons");
        var embeds = new JsonArray();
        var chunk = new List<string>();
        foreach (var line in Lines(language))
        {
            if (chunk.Count > 0 && chunk.Sum(l => l.Length + 1) + line.Length > EmbedRoom)
            {
                embeds.Add(new JsonObject { ["description"] = string.Join('\n', chunk) });
                chunk.Clear();
            }

            chunk.Add(line);
        }

        embeds.Add(new JsonObject { ["description"] = string.Join('\n', chunk) });
        var message = DiscordMessages.Text(heading, ephemeral: true);
        message["embeds"] = embeds;
        return message;
    }

    /// <summary>One line a command: its slash usage and its help.</summary>
    public static IEnumerable<string> Lines(string language) =>
        CommandTable.All.Select(d => MessageCatalog.Default.Render(language, "discord.help.line",
            ("usage", CommandTable.Usage(d, UsageStyle.Slash)), ("help", Phrase.Of(d.HelpKey))));
}
