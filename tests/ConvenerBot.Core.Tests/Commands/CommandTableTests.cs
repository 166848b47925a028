using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Core.Tests.Commands;

/// <summary>Every row of the command table can be typed, is carried out by a handler, and is explained by /help.</summary>
public sealed class CommandTableTests
{
    public static TheoryData<string> Paths() => [.. CommandTable.All.Select(d => d.Path)];

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryCommand_ParsesFromTheTextItsUsageDescribes(string path)
    {
        var descriptor = CommandTable.All.First(d => d.Path == path);

        var result = CommandParser.Parse(SampleText(descriptor));

        Assert.Null(result.Error);
        Assert.IsType(descriptor.CommandType, result.Command);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryCommand_HasAHandler_AndAppearsInHelp_WithAShortHelpLine(string path)
    {
        var descriptor = CommandTable.All.First(d => d.Path == path);
        var services = new ServiceCollection().AddConvenerCore();

        Assert.Contains(services, s => s.ServiceType == typeof(ICommandHandler<>).MakeGenericType(descriptor.CommandType));
        var help = HelpHandler.Render("en");
        var usage = MessageCatalog.Default.Render("en", CommandTable.Usage(descriptor, UsageStyle.Text));
        Assert.Contains(usage + " — " + MessageCatalog.Default.Render("en", descriptor.HelpKey), help, StringComparison.Ordinal);
        // Platforms show the help line in their menus: Discord allows 100 characters.
        Assert.InRange(MessageCatalog.Default.Render("en", descriptor.HelpKey).Length, 1, 100);
    }

    [Fact]
    public void EveryArgument_HasAHintAndAPlaceholder_AndEveryGroupAMenuLine()
    {
        foreach (var arg in CommandTable.All.SelectMany(d => d.Args))
        {
            Assert.True(MessageCatalog.Default.Has(arg.HintKey), arg.HintKey);
            Assert.True(arg.WrittenAsItself || MessageCatalog.Default.Has(arg.PlaceholderKey), arg.PlaceholderKey);
        }

        foreach (var top in CommandTable.Tops.Where(t => CommandTable.SubcommandsOf(t).Count > 0))
        {
            Assert.True(MessageCatalog.Default.Has($"menu.{top}"), top);
            Assert.True(MessageCatalog.Default.Has($"parse.say-what.{top}"), top);
            Assert.True(MessageCatalog.Default.Has($"parse.unknown-sub.{top}"), top);
        }
    }

    [Fact]
    public void Usage_IsDerivedFromTheArguments()
    {
        string Usage(string path, UsageStyle style) =>
            MessageCatalog.Default.Render("en", CommandTable.Usage(CommandTable.All.First(d => d.Path == path), style));

        Assert.Equal("/session schedule WHEN [case ID] [protocol KEY]", Usage("session schedule", UsageStyle.Text));
        Assert.Equal("/case open TITLE [| DESCRIPTION]", Usage("case open", UsageStyle.Text));
        Assert.Equal("/role facilitator|member|organizer [@username]", Usage("role", UsageStyle.Text));
        Assert.Equal("/session start [ID] [case ID] [now]", Usage("session start", UsageStyle.Text));
        Assert.Equal("/session start [id:…] [case:…] [now:…]", Usage("session start", UsageStyle.Slash));
        Assert.Equal("/ask text:…", Usage("ask", UsageStyle.Slash));
    }

    [Fact]
    public void TypedValues_MeetTheSameChecksAsText()
    {
        var show = CommandTable.All.First(d => d.Path == "case show");

        Assert.Equal(new ShowCaseCommand(4), CommandTable.Bind(show, new Dictionary<string, object> { ["id"] = 4 }, UsageStyle.Slash).Command);
        var zero = CommandTable.Bind(show, new Dictionary<string, object> { ["id"] = 0 }, UsageStyle.Slash);
        Assert.Null(zero.Command);
        Assert.StartsWith("'0' is not a case number", MessageCatalog.Default.Render("en", zero.Error!), StringComparison.Ordinal);
        var missing = CommandTable.Bind(show, new Dictionary<string, object>(), UsageStyle.Slash);
        Assert.Equal("Something is missing. Usage: /case show id:…", MessageCatalog.Default.Render("en", missing.Error!));
    }

    /// <summary>A text for a command with a value for every argument, typed as its usage says.</summary>
    internal static string SampleText(CommandDescriptor descriptor)
    {
        var parts = new List<string> { "/" + descriptor.Path };
        foreach (var arg in descriptor.Args)
        {
            var value = arg.Kind switch
            {
                ArgKind.Number => "3",
                ArgKind.When => "2027-01-30 10:00",
                ArgKind.Choice => arg.Choices[0],
                ArgKind.Flag => arg.Name,
                ArgKind.Member => "@ana",
                ArgKind.Line => "A title |",
                ArgKind.Word => "word",
                _ => "some text",
            };
            parts.Add(arg.Keyword is { } keyword ? $"{keyword} {value}" : value);
        }

        return string.Join(' ', parts);
    }
}
