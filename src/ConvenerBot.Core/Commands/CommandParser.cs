namespace ConvenerBot.Core.Commands;

/// <summary>
/// The text grammar, derived from the <see cref="CommandTable"/>: the command's words, then its positional
/// arguments in order, then keyword arguments (<c>case 3</c>) in any order. It only reads text; rules that
/// need the store (roles, stages, ids) are the handlers' business. Accepts <c>/cmd@BotName</c>, the form
/// Telegram uses in groups.
/// </summary>
public static class CommandParser
{
    public const int MaxTitleLength = CommandTable.MaxTitleLength;

    private static readonly char[] Blank = [' ', '\t', '\n', '\r'];

    /// <summary>How a bar is typed inside a title, where a plain <c>|</c> ends it.</summary>
    private const string EscapedBar = "\\|";

    public static ParseResult Parse(string text)
    {
        var trimmed = (text ?? "").TrimStart();
        if (!trimmed.StartsWith('/'))
        {
            return CommandTable.Fail("parse.not-a-command");
        }

        var (head, rest) = SplitFirst(trimmed[1..]);
        var at = head.IndexOf('@', StringComparison.Ordinal);
        var top = (at >= 0 ? head[..at] : head).ToLowerInvariant();
        if (top.Length == 0)
        {
            return CommandTable.Fail("parse.name-missing");
        }

        if (CommandTable.Find(top, null) is { } single)
        {
            return Read(single, rest);
        }

        if (!CommandTable.Tops.Contains(top))
        {
            return CommandTable.Fail("parse.unknown-command", ("name", CommandTable.Shorten(top)));
        }

        var (sub, args) = SplitFirst(rest);
        if (sub.Length == 0)
        {
            return CommandTable.SubcommandsOf(top).FirstOrDefault(d => d.Bare) is { } bare
                ? Read(bare, "")
                : CommandTable.Fail($"parse.say-what.{top}", ("choices", new Choices(top)));
        }

        return CommandTable.Find(top, sub.ToLowerInvariant()) is { } descriptor
            ? Read(descriptor, args)
            : CommandTable.Fail($"parse.unknown-sub.{top}", ("command", $"/{top} {CommandTable.Shorten(sub)}"), ("choices", new Choices(top)));
    }

    /// <summary>Splits the text after the command's words into its arguments' raw values, then checks them.</summary>
    private static ParseResult Read(CommandDescriptor descriptor, string rest)
    {
        if (descriptor.Args.Count == 0)
        {
            return rest.Length == 0
                ? CommandTable.Bind(descriptor, new Dictionary<string, object>(), UsageStyle.Text)
                : CommandTable.Fail("parse.no-arguments", ("usage", Usage(descriptor)), ("extra", CommandTable.Shorten(rest)));
        }

        var raw = new Dictionary<string, object>(StringComparer.Ordinal);
        var keywords = descriptor.Args.Where(a => a.Keyword is not null).ToList();
        bool IsKeyword(string word) => keywords.Any(k => string.Equals(k.Keyword, word, StringComparison.OrdinalIgnoreCase));

        // A flag is its own word, wherever it stands after the command's words.
        foreach (var flag in descriptor.Args.Where(a => a.Kind is ArgKind.Flag))
        {
            var words = Words(rest);
            var at = words.FindIndex(w => string.Equals(w, flag.Name, StringComparison.OrdinalIgnoreCase));
            if (at >= 0)
            {
                raw[flag.Name] = true;
                words.RemoveAt(at);
                rest = string.Join(' ', words);
            }
        }

        foreach (var arg in descriptor.Args.Where(a => a.Keyword is null && a.Kind is not ArgKind.Flag))
        {
            switch (arg.Kind)
            {
                case ArgKind.Line:
                    var cut = LineEnd(rest);
                    raw[arg.Name] = (cut >= 0 ? rest[..cut] : rest).Replace(EscapedBar, "|", StringComparison.Ordinal).Trim();
                    rest = cut >= 0 ? rest[(cut + 1)..].Trim() : "";
                    break;
                case ArgKind.Rest or ArgKind.Member:
                    raw[arg.Name] = rest.Trim();
                    rest = "";
                    break;
                case ArgKind.When:
                    var words = Words(rest);
                    var when = words.TakeWhile(w => !IsKeyword(w)).ToList();
                    raw[arg.Name] = string.Join(' ', when);
                    rest = string.Join(' ', words.Skip(when.Count));
                    break;
                default:
                    var (word, tail) = SplitFirst(rest);
                    if (word.Length > 0 && (arg.Required || !IsKeyword(word)))
                    {
                        raw[arg.Name] = word;
                        rest = tail;
                    }

                    break;
            }
        }

        var left = Words(rest);
        if (keywords.Count == 0 && left.Count > 0)
        {
            return CommandTable.Fail("parse.too-many", ("usage", Usage(descriptor)));
        }

        for (var i = 0; i < left.Count; i += 2)
        {
            var keyword = keywords.FirstOrDefault(k => string.Equals(k.Keyword, left[i], StringComparison.OrdinalIgnoreCase));
            if (keyword is null)
            {
                return CommandTable.Fail("parse.not-expected", ("word", CommandTable.Shorten(left[i])), ("usage", Usage(descriptor)));
            }

            if (i + 1 >= left.Count)
            {
                return CommandTable.Fail("parse.needs-value", ("keyword", keyword.Keyword), ("usage", Usage(descriptor)));
            }

            if (!raw.TryAdd(keyword.Name, left[i + 1]))
            {
                return CommandTable.Fail("parse.given-twice", ("keyword", keyword.Keyword), ("usage", Usage(descriptor)));
            }
        }

        return CommandTable.Bind(descriptor, raw, UsageStyle.Text);
    }

    /// <summary>
    /// Where a line argument (a title) ends: at the first line break or the first <c>|</c> not written as
    /// <c>\|</c>, which stands for a bar in the text itself; -1 when it runs to the end.
    /// </summary>
    private static int LineEnd(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '|' && (i == 0 || text[i - 1] != '\\')))
            {
                return i;
            }
        }

        return -1;
    }

    private static Text.Phrase Usage(CommandDescriptor descriptor) => CommandTable.Usage(descriptor, UsageStyle.Text);

    private static List<string> Words(string text) => [.. text.Split(Blank, StringSplitOptions.RemoveEmptyEntries)];

    private static (string Head, string Tail) SplitFirst(string text)
    {
        var trimmed = text.TrimStart();
        var cut = trimmed.IndexOfAny(Blank);
        return cut < 0 ? (trimmed, "") : (trimmed[..cut], trimmed[(cut + 1)..].Trim());
    }

    /// <summary>The subcommands of a group, rendered as a list in the member's language.</summary>
    private sealed record Choices(string Top) : Text.IRenderable
    {
        public string Render(string language) => CommandTable.ChoicesOf(Top, language);
    }
}
