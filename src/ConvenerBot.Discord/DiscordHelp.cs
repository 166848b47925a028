using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Discord;

/// <summary>The command list as Discord members type it (<c>/session schedule when:… [case:…]</c>), derived from the <see cref="CommandTable"/>.</summary>
internal static class DiscordHelp
{
    public static string Text { get; } = Render(MessageCatalog.DefaultLanguage);

    public static string Render(string language)
    {
        var catalog = MessageCatalog.Default;
        var lines = new List<string> { catalog.Render(language, "discord.help.title") };
        lines.AddRange(CommandTable.All.Select(d => catalog.Render(language, "discord.help.line",
            ("usage", CommandTable.Usage(d, UsageStyle.Slash)), ("help", Phrase.Of(d.HelpKey)))));
        lines.Add(catalog.Render(language, "discord.help.buttons"));
        return string.Join('\n', lines);
    }
}
