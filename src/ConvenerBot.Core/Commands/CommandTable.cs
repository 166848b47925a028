using System.Globalization;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Commands;

/// <summary>
/// The one table of commands (see <see cref="CommandDescriptor"/>), and the checks every way in shares:
/// typed text (<see cref="CommandParser"/>) and a platform's typed fields (<see cref="Bind"/>) meet the same
/// rules and the same explanations. Adding a command is a row here, a record and a handler.
/// </summary>
public static class CommandTable
{
    public const int MaxTitleLength = 200;

    private static readonly CommandArg CaseId = new("id", ArgKind.Number, Required: true) { NumberOf = "case" };
    private static readonly CommandArg SessionId = new("id", ArgKind.Number, Required: true) { NumberOf = "session" };
    private static readonly CommandArg SeriesId = new("id", ArgKind.Number, Required: true) { NumberOf = "series" };
    private static readonly CommandArg When = new("when", ArgKind.When, Required: true) { MaxLength = Scheduling.GroupClock.MaxLength };
    private static readonly CommandArg SeriesDay = new("date", ArgKind.Word, Required: true) { MaxLength = 10 };
    private static readonly CommandArg CaseKeyword = new("case", ArgKind.Number) { Keyword = "case", NumberOf = "case" };

    private static readonly CommandArg ContributionText = new("text", ArgKind.Rest) { MaxLength = UserText.MaxLength, RequiredInForms = true };

    public static IReadOnlyList<CommandDescriptor> All { get; } =
    [
        new("case open", Role.Member, v => new OpenCaseCommand(v.Text("title")!, v.Text("description")),
            new CommandArg("title", ArgKind.Line, Required: true) { MaxLength = MaxTitleLength },
            new CommandArg("description", ArgKind.Rest) { MaxLength = UserText.MaxLength })
        { CommandType = typeof(OpenCaseCommand), OffersForm = true },
        new("case list", Role.Member, v => new ListCasesCommand(v.Number("page") ?? 1),
            new CommandArg("page", ArgKind.Number) { NumberOf = "page" })
        { CommandType = typeof(ListCasesCommand), ReadsOnly = true, AnswersPrivately = true },
        new("case show", Role.Member, v => new ShowCaseCommand(v.Number("id")!.Value), CaseId)
        { CommandType = typeof(ShowCaseCommand), ReadsOnly = true, AnswersPrivately = true },
        new("case withdraw", Role.Member, v => new WithdrawCaseCommand(v.Number("id")!.Value), CaseId)
        { CommandType = typeof(WithdrawCaseCommand) },
        new("session schedule", Role.Facilitator, v => new ScheduleSessionCommand(v.Text("when")!, v.Number("case"), v.Text("protocol")),
            When,
            CaseKeyword,
            new CommandArg("protocol", ArgKind.Word) { Keyword = "protocol", MaxLength = 64 })
        { CommandType = typeof(ScheduleSessionCommand) },
        new("session list", Role.Member, _ => new ListSessionsCommand())
        { CommandType = typeof(ListSessionsCommand), ReadsOnly = true, AnswersPrivately = true },
        new("session show", Role.Member, v => new ShowSessionCommand(v.Number("id")!.Value), SessionId)
        { CommandType = typeof(ShowSessionCommand), ReadsOnly = true, AnswersPrivately = true },
        new("session ics", Role.Member, v => new SessionCalendarCommand(v.Number("id")!.Value), SessionId)
        { CommandType = typeof(SessionCalendarCommand), ReadsOnly = true, AnswersPrivately = true },
        new("session cancel", Role.Facilitator, v => new CancelSessionCommand(v.Number("id")!.Value), SessionId)
        { CommandType = typeof(CancelSessionCommand) },
        new("session move", Role.Facilitator, v => new MoveSessionCommand(v.Number("id")!.Value, v.Text("when")!), SessionId, When)
        { CommandType = typeof(MoveSessionCommand) },
        new("session start", Role.Facilitator, v => new StartSessionCommand(v.Number("id"), v.Number("case"), v.Flag("now")),
            SessionId with { Required = false }, CaseKeyword, new CommandArg("now", ArgKind.Flag))
        { CommandType = typeof(StartSessionCommand) },
        new("series add", Role.Facilitator, v => new AddSeriesCommand(v.Text("rule")!, v.Number("case"), v.Text("protocol")),
            new CommandArg("rule", ArgKind.When, Required: true) { MaxLength = Scheduling.GroupClock.MaxSeriesLength },
            CaseKeyword,
            new CommandArg("protocol", ArgKind.Word) { Keyword = "protocol", MaxLength = 64 })
        { CommandType = typeof(AddSeriesCommand) },
        new("series list", Role.Member, _ => new ListSeriesCommand())
        { CommandType = typeof(ListSeriesCommand), ReadsOnly = true, AnswersPrivately = true },
        new("series show", Role.Member, v => new ShowSeriesCommand(v.Number("id")!.Value), SeriesId)
        { CommandType = typeof(ShowSeriesCommand), ReadsOnly = true, AnswersPrivately = true },
        new("series pause", Role.Facilitator, v => new ChangeSeriesCommand(v.Number("id")!.Value, Series.SeriesStatus.Paused), SeriesId)
        { CommandType = typeof(ChangeSeriesCommand) },
        new("series resume", Role.Facilitator, v => new ChangeSeriesCommand(v.Number("id")!.Value, Series.SeriesStatus.Active), SeriesId)
        { CommandType = typeof(ChangeSeriesCommand) },
        new("series end", Role.Facilitator, v => new ChangeSeriesCommand(v.Number("id")!.Value, Series.SeriesStatus.Ended), SeriesId)
        { CommandType = typeof(ChangeSeriesCommand) },
        new("series skip", Role.Facilitator, v => new SkipSeriesCommand(v.Number("id")!.Value, v.Text("date")!), SeriesId, SeriesDay)
        { CommandType = typeof(SkipSeriesCommand) },
        new("series move", Role.Facilitator, v => new MoveSeriesSessionCommand(v.Number("id")!.Value, v.Text("date")!, v.Text("when")!),
            SeriesId, SeriesDay, When)
        { CommandType = typeof(MoveSeriesSessionCommand) },
        new("rsvp", Role.Member, v => new RsvpCommand(v.Number("id")!.Value, AnswerOf(v.Text("answer")!), v.Text("title")),
            SessionId,
            new CommandArg("answer", ArgKind.Choice, Required: true)
            {
                Choices = ["going", "maybe", "no", "case"],
                Aliases = new Dictionary<string, string> { ["yes"] = "going", ["cant"] = "no", ["can't"] = "no" },
            },
            new CommandArg("title", ArgKind.Rest) { MaxLength = MaxTitleLength })
        { CommandType = typeof(RsvpCommand), AnswersPrivately = true },
        new("reminders show", Role.Member, _ => new ShowRemindersCommand())
        { CommandType = typeof(ShowRemindersCommand), ReadsOnly = true, AnswersPrivately = true, Bare = true },
        new("reminders set", Role.Organizer, v => new SetRemindersCommand(v.Text("times")!),
            new CommandArg("times", ArgKind.Rest, Required: true) { MaxLength = 200 })
        { CommandType = typeof(SetRemindersCommand) },
        new("reminders private", Role.Member, v => new PrivateRemindersCommand(v.Text("state") == "on"),
            new CommandArg("state", ArgKind.Choice, Required: true) { Choices = ["off", "on"] })
        { CommandType = typeof(PrivateRemindersCommand), AnswersPrivately = true },
        new("calendar show", Role.Organizer, _ => new CalendarCommand(Reset: false))
        { CommandType = typeof(CalendarCommand), AnswersPrivately = true, Bare = true },
        new("calendar reset", Role.Organizer, _ => new CalendarCommand(Reset: true))
        { CommandType = typeof(CalendarCommand), AnswersPrivately = true },
        new("next", Role.Facilitator, _ => new MoveStageCommand(Forward: true)) { CommandType = typeof(MoveStageCommand) },
        new("back", Role.Facilitator, _ => new MoveStageCommand(Forward: false)) { CommandType = typeof(MoveStageCommand) },
        new("extend", Role.Facilitator, v => new ExtendStageCommand(v.Number("minutes")!.Value),
            new CommandArg("minutes", ArgKind.Number, Required: true) { NumberOf = "minutes" })
        { CommandType = typeof(ExtendStageCommand) },
        new("session end", Role.Facilitator, _ => new EndSessionCommand()) { CommandType = typeof(EndSessionCommand) },
        new("ask", Role.Member, v => new ContributeCommand(ContributionVerb.Ask, v.Text("text") ?? ""), ContributionText)
        { CommandType = typeof(ContributeCommand) },
        new("idea", Role.Member, v => new ContributeCommand(ContributionVerb.Idea, v.Text("text") ?? ""), ContributionText)
        { CommandType = typeof(ContributeCommand) },
        new("step", Role.Member, v => new ContributeCommand(ContributionVerb.Step, v.Text("text") ?? ""), ContributionText)
        { CommandType = typeof(ContributeCommand) },
        new("learn", Role.Member, v => new ContributeCommand(ContributionVerb.Learn, v.Text("text") ?? ""), ContributionText)
        { CommandType = typeof(ContributeCommand) },
        new("here", Role.Member, _ => new HereCommand()) { CommandType = typeof(HereCommand) },
        new("summary", Role.Member, v => new SummaryCommand(v.Number("id")), SessionId with { Required = false })
        { CommandType = typeof(SummaryCommand), ReadsOnly = true, AnswersPrivately = true },
        new("role", Role.Organizer, v => new SetRoleCommand(RoleOf(v.Text("role")!), v.Text("member")),
            new CommandArg("role", ArgKind.Choice, Required: true)
            {
                Choices = ["facilitator", "member", "organizer"],
                Aliases = new Dictionary<string, string> { ["organiser"] = "organizer" },
            },
            new CommandArg("member", ArgKind.Member))
        { CommandType = typeof(SetRoleCommand) },
        new("timezone", Role.Organizer, v => new TimeZoneCommand(v.Text("zone")),
            new CommandArg("zone", ArgKind.Word) { MaxLength = 64 })
        { CommandType = typeof(TimeZoneCommand) },
        new("settings", Role.Member, v => new SettingsCommand(v.Text("setting"), v.Text("value")),
            new CommandArg("setting", ArgKind.Choice) { Choices = ["autostart", "grace", "autoadvance"] },
            new CommandArg("value", ArgKind.Word) { MaxLength = 20 })
        { CommandType = typeof(SettingsCommand) },
        new("protocols", Role.Member, _ => new ListProtocolsCommand())
        { CommandType = typeof(ListProtocolsCommand), ReadsOnly = true, AnswersPrivately = true },
        new("me", Role.Member, _ => new WhoAmICommand())
        { CommandType = typeof(WhoAmICommand), ReadsOnly = true, AnswersPrivately = true, InPrivateChat = true },
        new("version", Role.Member, _ => new VersionCommand())
        { CommandType = typeof(VersionCommand), ReadsOnly = true, AnswersPrivately = true, InPrivateChat = true },
        new("help", Role.Member, _ => new HelpCommand())
        { CommandType = typeof(HelpCommand), ReadsOnly = true, AnswersPrivately = true, InPrivateChat = true, Aliases = ["start"] },
    ];

    /// <summary>The first words of the commands, in table order, each once.</summary>
    public static IReadOnlyList<string> Tops { get; } = [.. All.Select(d => d.Top).Distinct()];

    private static readonly Dictionary<Type, CommandDescriptor> ByType = All.GroupBy(d => d.CommandType).ToDictionary(g => g.Key, g => g.First());

    /// <summary>The command a top word and subcommand name, or null.</summary>
    public static CommandDescriptor? Find(string top, string? sub) =>
        All.FirstOrDefault(d => (d.Top == top || d.Aliases.Contains(top)) && d.Sub == sub);

    /// <summary>The descriptor that builds records of a command type (the first, where several do).</summary>
    public static CommandDescriptor? ForType(Type commandType) => ByType.GetValueOrDefault(commandType);

    /// <summary>The subcommands of a group word, or none when the word is a command of its own.</summary>
    public static IReadOnlyList<CommandDescriptor> SubcommandsOf(string top) => [.. All.Where(d => d.Top == top && d.Sub is not null)];

    /// <summary>
    /// Checks raw values (text as typed, or a platform's numbers and strings) against the command's
    /// arguments and builds the command, or says what is wrong in the words of <paramref name="style"/>.
    /// </summary>
    public static ParseResult Bind(CommandDescriptor descriptor, IReadOnlyDictionary<string, object> raw, UsageStyle style)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var arg in descriptor.Args)
        {
            var given = raw.GetValueOrDefault(arg.Name) is { } value && !(value is string s && s.Trim().Length == 0) ? value : null;
            if (given is null)
            {
                if (arg.Required)
                {
                    var key = $"parse.missing.{arg.Name}";
                    return Fail(MessageCatalog.Default.Has(key) ? key : "parse.missing", ("usage", Usage(descriptor, style)));
                }

                continue;
            }

            switch (arg.Kind)
            {
                case ArgKind.Flag:
                    values[arg.Name] = given is bool yes ? yes : true;
                    break;
                case ArgKind.Number:
                    if (!TryNumber(given, out var number))
                    {
                        return Fail($"parse.not-a-number.{arg.NumberOf}", ("word", Shorten(Convert.ToString(given, CultureInfo.InvariantCulture)!)), ("usage", Usage(descriptor, style)));
                    }

                    values[arg.Name] = number;
                    break;
                case ArgKind.Choice:
                    var word = ((string)given).Trim().ToLowerInvariant();
                    word = arg.Aliases.GetValueOrDefault(word, word);
                    if (!arg.Choices.Contains(word))
                    {
                        return Fail($"parse.not-a-choice.{arg.Name}", ("word", Shorten((string)given)), ("usage", Usage(descriptor, style)));
                    }

                    values[arg.Name] = word;
                    break;
                default:
                    var text = arg.Kind is ArgKind.Rest ? (string)given : ((string)given).Trim();
                    if (arg.Kind is ArgKind.Line)
                    {
                        text = text.ReplaceLineEndings(" ");
                    }

                    // Longer texts (a description, a contribution) are measured by their handler, which names them.
                    if (arg.MaxLength is { } max && text.Length > max && arg.Kind is not ArgKind.Rest)
                    {
                        var key = $"parse.too-long.{arg.Name}";
                        return Fail(MessageCatalog.Default.Has(key) ? key : "parse.too-long", ("length", text.Length), ("max", max), ("usage", Usage(descriptor, style)));
                    }

                    values[arg.Name] = text;
                    break;
            }
        }

        return ParseResult.Ok(descriptor.Build(new CommandValues(values)));
    }

    /// <summary>How the command is typed, e.g. <c>/case show ID</c>, or <c>/case show id:…</c> for slash commands.</summary>
    public static Phrase Usage(CommandDescriptor descriptor, UsageStyle style)
    {
        var parts = new List<object> { "/" + descriptor.Path };
        foreach (var arg in descriptor.Args)
        {
            if (style is UsageStyle.Slash)
            {
                var field = $"{arg.Name}:…";
                parts.Add(arg.Required || arg.RequiredInForms || arg.Kind is ArgKind.Member ? field : $"[{field}]");
                continue;
            }

            Phrase placeholder = arg.Kind switch
            {
                ArgKind.Choice => Phrase.Of("usage.plain", ("text", string.Join('|', arg.Choices))),
                ArgKind.Flag => Phrase.Of("usage.plain", ("text", arg.Name)),
                _ => Phrase.Of(arg.PlaceholderKey),
            };
            Phrase part = arg.Keyword is { } keyword
                ? Phrase.Of("usage.keyword", ("keyword", keyword), ("value", placeholder))
                : arg.Kind is ArgKind.Rest && descriptor.Args.Any(a => a.Kind is ArgKind.Line) ? Phrase.Of("usage.after-bar", ("value", placeholder)) : placeholder;
            if (arg.Required)
            {
                parts.Add(part);
            }
            else
            {
                parts.Add(Phrase.Of("usage.optional", ("value", part)));
            }
        }

        return Phrase.Of("usage.words", ("words", parts));
    }

    /// <summary>The commands of a group, as typed: <c>/case open, /case list, /case show or /case withdraw</c>.</summary>
    public static string ChoicesOf(string top, string language) =>
        ListJoin(language, [.. SubcommandsOf(top).Select(d => "/" + d.Path)]);

    /// <summary>Joins items as a list in a sentence: "a, b or c".</summary>
    public static string ListJoin(string language, IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => MessageCatalog.Default.Render(language, "list.or", ("items", string.Join(", ", items.Take(items.Count - 1))), ("last", items[^1])),
    };

    /// <summary>A case, session or page number: a whole number from 1, a leading # allowed.</summary>
    public static bool TryNumber(object value, out int number)
    {
        switch (value)
        {
            case int n when n > 0:
                number = n;
                return true;
            case long n when n is > 0 and <= int.MaxValue:
                number = (int)n;
                return true;
            case string word:
                return int.TryParse(word.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
            default:
                number = 0;
                return false;
        }
    }

    internal static Role RoleOf(string word) => word switch
    {
        "facilitator" => Role.Facilitator,
        "organizer" => Role.Organizer,
        _ => Role.Member,
    };

    internal static Sessions.RsvpAnswer AnswerOf(string word) => word switch
    {
        "going" => Sessions.RsvpAnswer.Going,
        "maybe" => Sessions.RsvpAnswer.Maybe,
        "case" => Sessions.RsvpAnswer.Case,
        _ => Sessions.RsvpAnswer.No,
    };

    internal static ParseResult Fail(string key, params (string Name, object? Value)[] args) => ParseResult.Fail(Phrase.Of(key, args));

    internal static string Shorten(string text) => UserText.Shorten(text, 40);
}

/// <summary>How a usage line is written: as typed text, or as a platform's slash command with named fields.</summary>
public enum UsageStyle
{
    Text,
    Slash,
}
