using System.Globalization;
using ConvenerBot.Core.Members;

namespace ConvenerBot.Core.Commands;

/// <summary>
/// The command grammar. It only reads text; rules that need the store (roles, stages, ids) are the
/// handlers' business. Accepts <c>/cmd@BotName</c>, the form Telegram uses in groups.
/// </summary>
public static class CommandParser
{
    public const int MaxTitleLength = 200;

    private static readonly char[] Blank = [' ', '\t', '\n', '\r'];

    public static ParseResult Parse(string text)
    {
        var trimmed = (text ?? "").TrimStart();
        if (!trimmed.StartsWith('/'))
        {
            return ParseResult.Fail("I only understand commands that start with /. Type /help to see them.");
        }

        var (head, rest) = SplitFirst(trimmed[1..]);
        var at = head.IndexOf('@', StringComparison.Ordinal);
        var name = (at >= 0 ? head[..at] : head).ToLowerInvariant();

        return name switch
        {
            "help" or "start" => NoArguments(rest, "/help", new HelpCommand()),
            "me" => NoArguments(rest, "/me", new WhoAmICommand()),
            "timezone" => rest.Length == 0 ? Ok(new TimeZoneCommand(null)) : SingleWord(rest, "/timezone ZONE", z => Ok(new TimeZoneCommand(z))),
            "protocols" => NoArguments(rest, "/protocols", new ListProtocolsCommand()),
            "case" => ParseCase(rest),
            "session" => ParseSession(rest),
            "next" => NoArguments(rest, "/next", new MoveStageCommand(Forward: true)),
            "back" => NoArguments(rest, "/back", new MoveStageCommand(Forward: false)),
            "ask" => Ok(new ContributeCommand(ContributionVerb.Ask, rest)),
            "idea" => Ok(new ContributeCommand(ContributionVerb.Idea, rest)),
            "step" => Ok(new ContributeCommand(ContributionVerb.Step, rest)),
            "learn" => Ok(new ContributeCommand(ContributionVerb.Learn, rest)),
            "here" => NoArguments(rest, "/here", new HereCommand()),
            "summary" => rest.Length == 0
                ? Ok(new SummaryCommand(null))
                : SingleWord(rest, "/summary [ID]", w => Number(w, "session", "/summary [ID]", n => Ok(new SummaryCommand(n)))),
            "role" => ParseRole(rest),
            "" => ParseResult.Fail("A command name is missing after /. Type /help to see the commands."),
            _ => ParseResult.Fail($"I don't know the command /{Shorten(name)}. Type /help to see the commands."),
        };
    }

    private static ParseResult ParseCase(string rest)
    {
        var (verb, args) = SplitFirst(rest);
        switch (verb.ToLowerInvariant())
        {
            case "open":
                return ParseOpenCase(args);
            case "list":
                return args.Length == 0
                    ? Ok(new ListCasesCommand())
                    : SingleWord(args, "/case list [PAGE]", w => TryNumber(w, out var page)
                        ? Ok(new ListCasesCommand(page))
                        : ParseResult.Fail($"'{Shorten(w)}' is not a page number. Usage: /case list [PAGE]"));
            case "show":
                return SingleWord(args, "/case show ID", w => Number(w, "case", "/case show ID", n => Ok(new ShowCaseCommand(n))));
            case "withdraw":
                return SingleWord(args, "/case withdraw ID", w => Number(w, "case", "/case withdraw ID", n => Ok(new WithdrawCaseCommand(n))));
            case "":
                return ParseResult.Fail("Say what to do with cases: /case open, /case list, /case show ID or /case withdraw ID.");
            default:
                return ParseResult.Fail($"'/case {Shorten(verb)}' is not a case command. Use /case open, /case list, /case show ID or /case withdraw ID.");
        }
    }

    private static ParseResult ParseOpenCase(string args)
    {
        const string usage = "Usage: /case open TITLE | DESCRIPTION (the description is optional).";
        var cut = args.IndexOfAny(['\n', '|']);
        var title = (cut >= 0 ? args[..cut] : args).Trim();
        var description = cut >= 0 ? args[(cut + 1)..].Trim() : null;
        if (title.Length == 0)
        {
            return ParseResult.Fail("The case needs a title. " + usage);
        }

        if (title.Length > MaxTitleLength)
        {
            return ParseResult.Fail($"The title is {title.Length} characters long; keep it to {MaxTitleLength} and put the rest in the description after |. {usage}");
        }

        return Ok(new OpenCaseCommand(title, string.IsNullOrEmpty(description) ? null : description));
    }

    private static ParseResult ParseSession(string rest)
    {
        var (verb, args) = SplitFirst(rest);
        switch (verb.ToLowerInvariant())
        {
            case "schedule":
                return ParseSchedule(args);
            case "list":
                return NoArguments(args, "/session list", new ListSessionsCommand());
            case "cancel":
                return SingleWord(args, "/session cancel ID", w => Number(w, "session", "/session cancel ID", n => Ok(new CancelSessionCommand(n))));
            case "start":
                return ParseStart(args);
            case "end":
                return NoArguments(args, "/session end", new EndSessionCommand());
            case "":
                return ParseResult.Fail("Say what to do with sessions: /session schedule, list, cancel, start or end.");
            default:
                return ParseResult.Fail($"'/session {Shorten(verb)}' is not a session command. Use /session schedule, list, cancel, start or end.");
        }
    }

    private static ParseResult ParseSchedule(string args)
    {
        const string usage = "Usage: /session schedule YYYY-MM-DD HH:MM [case ID] [protocol KEY].";
        var words = Words(args);
        var whenWords = words.TakeWhile(w => !IsKeyword(w)).ToList();
        if (whenWords.Count == 0)
        {
            return ParseResult.Fail("Say when the session is. " + usage);
        }

        int? caseNumber = null;
        string? protocol = null;
        var options = words.Skip(whenWords.Count).ToList();
        for (var i = 0; i < options.Count; i += 2)
        {
            var keyword = options[i].ToLowerInvariant();
            if (i + 1 >= options.Count)
            {
                return ParseResult.Fail($"'{keyword}' needs a value after it. {usage}");
            }

            var value = options[i + 1];
            if (keyword == "case" && caseNumber is null)
            {
                if (!TryNumber(value, out var n))
                {
                    return ParseResult.Fail($"'{Shorten(value)}' is not a case number; case numbers look like 3 (see /case list).");
                }

                caseNumber = n;
            }
            else if (keyword == "protocol" && protocol is null)
            {
                protocol = value;
            }
            else
            {
                return ParseResult.Fail($"'{keyword}' is given twice or out of place. {usage}");
            }
        }

        return Ok(new ScheduleSessionCommand(string.Join(' ', whenWords), caseNumber, protocol));
    }

    private static ParseResult ParseStart(string args)
    {
        const string usage = "Usage: /session start [ID] [case ID].";
        var words = Words(args);
        int? number = null;
        int? caseNumber = null;
        var i = 0;
        if (i < words.Count && !IsKeyword(words[i]))
        {
            if (!TryNumber(words[i], out var n))
            {
                return ParseResult.Fail($"'{Shorten(words[i])}' is not a session number; session numbers look like 2 (see /session list). {usage}");
            }

            number = n;
            i++;
        }

        if (i < words.Count)
        {
            if (!string.Equals(words[i], "case", StringComparison.OrdinalIgnoreCase) || i + 2 != words.Count)
            {
                return ParseResult.Fail(usage);
            }

            if (!TryNumber(words[i + 1], out var c))
            {
                return ParseResult.Fail($"'{Shorten(words[i + 1])}' is not a case number; case numbers look like 3 (see /case list).");
            }

            caseNumber = c;
        }

        return Ok(new StartSessionCommand(number, caseNumber));
    }

    private static ParseResult ParseRole(string rest)
    {
        const string usage = "Usage: /role facilitator|member|organizer, in reply to the member's message or followed by @username (NAME in the terminal chat).";
        var (roleWord, name) = SplitFirst(rest);
        Role? role = roleWord.ToLowerInvariant() switch
        {
            "facilitator" => Role.Facilitator,
            "member" => Role.Member,
            "organizer" or "organiser" => Role.Organizer,
            _ => null,
        };
        if (role is null)
        {
            return ParseResult.Fail(roleWord.Length == 0 ? usage : $"'{Shorten(roleWord)}' is not a role. {usage}");
        }

        // Whether a name is enough to find the member depends on where the command was typed: the handler decides.
        name = name.Trim();
        return Ok(new SetRoleCommand(role.Value, name.Length == 0 ? null : name));
    }

    private static bool IsKeyword(string word) =>
        string.Equals(word, "case", StringComparison.OrdinalIgnoreCase) || string.Equals(word, "protocol", StringComparison.OrdinalIgnoreCase);

    private static ParseResult Ok(ICommand command) => ParseResult.Ok(command);

    private static ParseResult NoArguments(string rest, string usage, ICommand command) =>
        rest.Length == 0 ? Ok(command) : ParseResult.Fail($"{usage} takes no arguments; '{Shorten(rest)}' is one too many.");

    private static ParseResult SingleWord(string rest, string usage, Func<string, ParseResult> next)
    {
        var words = Words(rest);
        return words.Count switch
        {
            0 => ParseResult.Fail($"Something is missing. Usage: {usage}"),
            1 => next(words[0]),
            _ => ParseResult.Fail($"Too many arguments. Usage: {usage}"),
        };
    }

    private static ParseResult Number(string word, string what, string usage, Func<int, ParseResult> next) =>
        TryNumber(word, out var n)
            ? next(n)
            : ParseResult.Fail($"'{Shorten(word)}' is not a {what} number; {what} numbers look like 3 (see /{what} list). Usage: {usage}");

    private static bool TryNumber(string word, out int number) =>
        int.TryParse(word.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;

    private static List<string> Words(string text) => [.. text.Split(Blank, StringSplitOptions.RemoveEmptyEntries)];

    private static (string Head, string Tail) SplitFirst(string text)
    {
        var trimmed = text.TrimStart();
        var cut = trimmed.IndexOfAny(Blank);
        return cut < 0 ? (trimmed, "") : (trimmed[..cut], trimmed[(cut + 1)..].Trim());
    }

    private static string Shorten(string text) => Text.UserText.Shorten(text, 40);
}
