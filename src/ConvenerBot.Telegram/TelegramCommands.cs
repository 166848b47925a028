using Telegram.Bot.Types;

namespace ConvenerBot.Telegram;

/// <summary>The command lists shown in Telegram's command menu: one for members, a longer one for chat administrators.</summary>
internal static class TelegramCommands
{
    public static IReadOnlyList<BotCommand> Members { get; } =
    [
        Command("case", "open, list, show or withdraw a case"),
        Command("session", "schedule, list, start, cancel or end a session"),
        Command("ask", "ask a question in a questioning stage"),
        Command("idea", "offer a possible next step"),
        Command("step", "the holder's chosen next step"),
        Command("learn", "what you take away from the session"),
        Command("here", "be counted as present in the session"),
        Command("summary", "a session's summary"),
        Command("protocols", "the protocols sessions can follow"),
        Command("me", "who you are here and your role"),
        Command("help", "all commands"),
    ];

    /// <summary>Shown to a facilitator in their group's chat (set per member when they get the role).</summary>
    public static IReadOnlyList<BotCommand> Facilitators { get; } =
    [
        .. Members,
        Command("next", "move the session to the next stage"),
        Command("back", "move the session back a stage"),
    ];

    public static IReadOnlyList<BotCommand> Administrators { get; } =
    [
        .. Members,
        Command("next", "move the session to the next stage"),
        Command("back", "move the session back a stage"),
        Command("role", "give a member a role"),
        Command("timezone", "show or set the group's time zone"),
    ];

    private static BotCommand Command(string name, string description) => new() { Command = name, Description = description };
}
