using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Text;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram;

/// <summary>
/// The command menus Telegram shows, derived from the <see cref="CommandTable"/>: one entry per first
/// word, shown to those whose role reaches the least role any of its commands asks for. Members see
/// theirs everywhere; chat administrators see all; a facilitator's menu is set in their group's chat when
/// they get the role.
/// </summary>
internal static class TelegramCommands
{
    public static IReadOnlyList<BotCommand> Members { get; } = For(Role.Member);

    public static IReadOnlyList<BotCommand> Facilitators { get; } = For(Role.Facilitator);

    public static IReadOnlyList<BotCommand> Administrators { get; } = For(Role.Organizer);

    /// <summary>The menu for a role, in table order.</summary>
    public static IReadOnlyList<BotCommand> For(Role role, string language = MessageCatalog.DefaultLanguage) =>
    [
        .. CommandTable.Tops
            .Where(top => CommandTable.All.Where(d => d.Top == top).Min(d => d.Role) <= role)
            .Select(top => new BotCommand { Command = top, Description = Describe(top, language) }),
    ];

    /// <summary>A group of subcommands has a menu line of its own; a single command shows its help.</summary>
    private static string Describe(string top, string language)
    {
        var catalog = MessageCatalog.Default;
        var key = CommandTable.SubcommandsOf(top).Count > 0 ? $"menu.{top}" : CommandTable.Find(top, null)!.HelpKey;
        return catalog.Render(language, key);
    }
}
