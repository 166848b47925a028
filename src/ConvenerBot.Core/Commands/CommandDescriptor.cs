using ConvenerBot.Core.Members;

namespace ConvenerBot.Core.Commands;

/// <summary>
/// Everything ConvenerBot knows about one command, in one place: the words that name it, its typed
/// arguments, who may use it, its help text, and how to build the command record from the arguments'
/// values. The text parser, <c>/help</c>, Telegram's command menus and Discord's slash commands are all
/// derived from the <see cref="CommandTable"/> of these.
/// </summary>
/// <param name="Path">The words naming it: <c>help</c>, or a group and a subcommand, <c>session schedule</c>.</param>
/// <param name="Role">The least role it asks for; decides which menus show it. The handler enforces it.</param>
/// <param name="Build">Makes the command record from values already checked against <see cref="Args"/>.</param>
/// <param name="Args">Its arguments, in the order they are typed.</param>
public sealed record CommandDescriptor(string Path, Role Role, Func<CommandValues, ICommand> Build, params IReadOnlyList<CommandArg> Args)
{
    public IReadOnlyList<string> Words { get; } = Path.Split(' ');

    /// <summary>The first word: the command, or the group of subcommands.</summary>
    public string Top => Words[0];

    /// <summary>The subcommand, if the command is one of a group.</summary>
    public string? Sub => Words.Count > 1 ? Words[1] : null;

    /// <summary>The catalog key of its one-line help (at most 100 characters: platforms show it in menus).</summary>
    public string HelpKey => "command." + Path.Replace(' ', '.');

    /// <summary>Other words that name it (<c>/start</c> for <c>/help</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Whether it is offered in a private chat with the bot, not only in groups.</summary>
    public bool InPrivateChat { get; init; }

    /// <summary>Whether its answer is meant only for the member who asked (see <see cref="CommandVisibility"/>).</summary>
    public bool AnswersPrivately { get; init; }

    /// <summary>Whether it only reads: it then runs without waiting for the store's writer (see <see cref="CommandEffects"/>).</summary>
    public bool ReadsOnly { get; init; }

    /// <summary>Whether the group's word alone runs this subcommand where it is typed as text (<c>/reminders</c> is <c>/reminders show</c>).</summary>
    public bool Bare { get; init; }

    /// <summary>Whether a platform with forms may ask for the arguments in a form when none are given (Discord's /case open).</summary>
    public bool OffersForm { get; init; }

    /// <summary>The type of the command record it builds; the handler registered for that type carries it out.</summary>
    public required Type CommandType { get; init; }
}

/// <summary>The checked values of a command's arguments, by name: numbers as <see cref="int"/>, the rest as text.</summary>
public sealed class CommandValues(IReadOnlyDictionary<string, object> values)
{
    public int? Number(string name) => values.TryGetValue(name, out var value) ? (int)value : null;

    public string? Text(string name) => values.TryGetValue(name, out var value) ? (string)value : null;

    public bool Flag(string name) => values.TryGetValue(name, out var value) && (bool)value;
}
