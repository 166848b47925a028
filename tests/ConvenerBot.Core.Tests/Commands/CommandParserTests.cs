using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Tests.Commands;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("/help")]
    [InlineData("/help@ConvenerBot")]
    [InlineData("  /HELP")]
    public void Parse_HelpForms_GiveHelp(string text) =>
        Assert.IsType<HelpCommand>(CommandParser.Parse(text).Command);

    [Fact]
    public void Parse_CaseOpenWithDescription_SplitsAtBar()
    {
        var command = Assert.IsType<OpenCaseCommand>(CommandParser.Parse("/case open Funding gap | Grant ends in March | really").Command);

        Assert.Equal("Funding gap", command.Title);
        Assert.Equal("Grant ends in March | really", command.Description);
    }

    [Theory]
    [InlineData(@"/case open Budget \| cuts | description", "Budget | cuts", "description")]
    [InlineData(@"/case open Budget \| cuts", "Budget | cuts", null)]
    [InlineData(@"/case open \|\| pipes \| | a | b", "|| pipes |", "a | b")]
    [InlineData(@"/case open A \| B | C \| D", "A | B", @"C \| D")]
    [InlineData("/case open Budget\\|cuts\nmore", "Budget|cuts", "more")]
    public void Parse_CaseOpenWithAnEscapedBar_KeepsTheBarInTheTitle(string text, string title, string? description)
    {
        var command = Assert.IsType<OpenCaseCommand>(CommandParser.Parse(text).Command);

        Assert.Equal((title, description), (command.Title, command.Description));
    }

    [Fact]
    public void Parse_CaseOpenWithOnlyAnEscapedBarBeforeTheBar_IsATitleOfABar()
    {
        var command = Assert.IsType<OpenCaseCommand>(CommandParser.Parse(@"/case open \| | why").Command);

        Assert.Equal(("|", "why"), (command.Title, command.Description));
    }

    [Fact]
    public void Help_SaysHowABarIsTypedInATitle() =>
        Assert.Contains(@"type \| for a | that belongs to it", HelpHandler.Render("en"), StringComparison.Ordinal);

    [Fact]
    public void Parse_CaseOpenOnSeveralLines_TakesFirstLineAsTitle()
    {
        var command = Assert.IsType<OpenCaseCommand>(CommandParser.Parse("/case@Bot open Funding gap\nline two\nline three").Command);

        Assert.Equal("Funding gap", command.Title);
        Assert.Equal("line two\nline three", command.Description);
    }

    [Fact]
    public void Parse_ScheduleWithOptions_ReadsAll()
    {
        var command = Assert.IsType<ScheduleSessionCommand>(CommandParser.Parse("/session schedule 2026-12-26 10:00 case #3 protocol peer-to-peer").Command);

        Assert.Equal(new ScheduleSessionCommand("2026-12-26 10:00", 3, "peer-to-peer"), command);
    }

    [Theory]
    [InlineData("/session schedule next saturday 10am case 1", "next saturday 10am", 1)]
    [InlineData("/session schedule in 2 weeks at 9", "in 2 weeks at 9", null)]
    [InlineData("/session schedule 26 Dec, 10:30 pm protocol peer-to-peer case 2", "26 Dec, 10:30 pm", 2)]
    public void Parse_ScheduleWithAPhrase_TakesTheWordsBeforeTheKeywordsAsTheTime(string text, string when, int? caseNumber)
    {
        var command = Assert.IsType<ScheduleSessionCommand>(CommandParser.Parse(text).Command);

        Assert.Equal((when, caseNumber), (command.When, command.CaseNumber));
    }

    [Fact]
    public void Parse_ScheduleWithTenThousandCharacters_IsRefusedBeforeTheTimeIsRead()
    {
        var result = CommandParser.Parse("/session schedule " + new string('x', 10_000) + " case 1");

        Assert.Null(result.Command);
        Assert.StartsWith("A time of 10000 characters is more than I read (at most 64).", English(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StartWithCase_ReadsBoth() =>
        Assert.Equal(new StartSessionCommand(2, 5), CommandParser.Parse("/session start 2 case 5").Command);

    [Fact]
    public void Parse_ContributionKeepsTextVerbatim()
    {
        var command = Assert.IsType<ContributeCommand>(CommandParser.Parse("/ask   What **if** '; DROP TABLE cases; --").Command);

        Assert.Equal(ContributionVerb.Ask, command.Verb);
        Assert.Equal("What **if** '; DROP TABLE cases; --", command.Text);
    }

    [Fact]
    public void Parse_Role_ReadsRoleAndName() =>
        Assert.Equal(new SetRoleCommand(Role.Facilitator, "Ana Maria"), CommandParser.Parse("/role facilitator Ana Maria").Command);

    [Fact]
    public void Parse_Role_KeepsTheAtOfAHandle_AndAllowsNoName() =>
        Assert.Equal(
            (new SetRoleCommand(Role.Facilitator, "@ana_m"), new SetRoleCommand(Role.Member, null)),
            (CommandParser.Parse("/role facilitator @ana_m").Command, CommandParser.Parse("/role member").Command));

    [Fact]
    public void Parse_CaseList_ReadsAPage() =>
        Assert.Equal(new ListCasesCommand(3), CommandParser.Parse("/case list 3").Command);

    [Theory]
    [InlineData("hello", "start with /")]
    [InlineData("/", "command name is missing")]
    [InlineData("/frobnicate", "don't know the command /frobnicate")]
    [InlineData("/case", "Say what to do with cases")]
    [InlineData("/case close 1", "not a case command")]
    [InlineData("/case open", "needs a title")]
    [InlineData("/case open | only a description", "needs a title")]
    [InlineData("/case show", "Something is missing")]
    [InlineData("/case show 1 2", "Too many arguments")]
    [InlineData("/case show abc", "'abc' is not a case number")]
    [InlineData("/case show 0", "is not a case number")]
    [InlineData("/case show 99999999999", "is not a case number")]
    [InlineData("/case list everything", "not a page number")]
    [InlineData("/session schedule", "Say when")]
    [InlineData("/session schedule 2026-12-26 10:00 case", "needs a value")]
    [InlineData("/session schedule 2026-12-26 10:00 case x", "'x' is not a case number")]
    [InlineData("/session schedule 2026-12-26 10:00 case 1 case 2", "given twice")]
    [InlineData("/session start soon", "'soon' is not a session number")]
    [InlineData("/session start 1 with 2", "Usage: /session start")]
    [InlineData("/next now", "takes no arguments")]
    [InlineData("/role king ana", "'king' is not a role")]
    [InlineData("/summary one", "is not a session number")]
    public void Parse_BadInput_ExplainsWhatIsWrong(string text, string expected)
    {
        var result = CommandParser.Parse(text);

        Assert.Null(result.Command);
        Assert.Contains(expected, English(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TitleOverLimit_IsRefused()
    {
        var result = CommandParser.Parse("/case open " + new string('x', CommandParser.MaxTitleLength + 1));

        Assert.Contains("keep it to 200", English(result), StringComparison.Ordinal);
    }

    private static string English(ParseResult result) => MessageCatalog.Default.Render("en", result.Error!);
}
