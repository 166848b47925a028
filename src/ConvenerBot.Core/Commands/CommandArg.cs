namespace ConvenerBot.Core.Commands;

/// <summary>What an argument of a command holds, which decides how it is read and offered.</summary>
public enum ArgKind
{
    /// <summary>A positive whole number: a case, session or page number (see <see cref="CommandArg.NumberOf"/>).</summary>
    Number,

    /// <summary>One word, such as a time zone or a protocol key.</summary>
    Word,

    /// <summary>
    /// Text up to a <c>|</c> or the end of the first line; what follows belongs to the next argument. Typed
    /// as <c>\|</c>, a bar is part of the text.
    /// </summary>
    Line,

    /// <summary>All the rest of the message, kept as typed.</summary>
    Rest,

    /// <summary>The words saying when, up to the first keyword argument.</summary>
    When,

    /// <summary>One of <see cref="CommandArg.Choices"/>.</summary>
    Choice,

    /// <summary>A word that is there or not (<c>now</c>): anywhere after the command's words; a yes/no field on platforms with forms.</summary>
    Flag,

    /// <summary>
    /// A member: picked by the platform where it can (a Discord user option, a Telegram reply or mention),
    /// else the rest of the message (an @username, or a name in the terminal chat).
    /// </summary>
    Member,
}

/// <summary>One argument of a <see cref="CommandDescriptor"/>.</summary>
/// <param name="Name">Its name: a Discord option's name and the key of its value.</param>
/// <param name="Kind">How it is read.</param>
/// <param name="Required">Whether the command is refused without it, whatever the way in.</param>
public sealed record CommandArg(string Name, ArgKind Kind, bool Required = false)
{
    /// <summary>Set when the argument is typed as a keyword and a value (<c>case 3</c>), in any order after the others.</summary>
    public string? Keyword { get; init; }

    /// <summary>For numbers: what they count (<c>case</c>, <c>session</c> or <c>page</c>); says which list to offer and how to explain a bad one.</summary>
    public string? NumberOf { get; init; }

    /// <summary>For choices: the accepted words, as shown.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>For choices: other spellings accepted for a choice (<c>organiser</c> for <c>organizer</c>).</summary>
    public IReadOnlyDictionary<string, string> Aliases { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The longest text accepted, in UTF-16 units, where there is a limit. Checked before the command is
    /// built, except for <see cref="ArgKind.Rest"/> texts, which their handler measures and names.
    /// </summary>
    public int? MaxLength { get; init; }

    /// <summary>
    /// Whether a platform form must ask for it although a typed command may leave it out (a contribution's
    /// text: the handler explains an empty one in terms of the running session).
    /// </summary>
    public bool RequiredInForms { get; init; }

    /// <summary>The catalog key of the short description a platform shows next to the field.</summary>
    public string HintKey => NumberOf is { } what ? $"arg.number.{what}" : $"arg.{Name}";

    /// <summary>The catalog key of its placeholder in a usage line (<c>ID</c>, <c>TITLE</c>).</summary>
    public string PlaceholderKey => NumberOf is "case" or "session" ? "placeholder.id" : $"placeholder.{Name}";

    /// <summary>Whether it is written in usage lines as itself rather than a placeholder (choices, flags).</summary>
    public bool WrittenAsItself => Kind is ArgKind.Choice or ArgKind.Flag;
}
