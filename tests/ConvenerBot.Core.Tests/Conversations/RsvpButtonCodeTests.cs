using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Tests.Conversations;

public sealed class RsvpButtonCodeTests
{
    [Fact]
    public void Encode_RoundTrips_AndAPressBindsTheCommandTheTextBuilds()
    {
        foreach (var answer in RsvpButtonCode.Answers)
        {
            Assert.True(RsvpButtonCode.TryParse(RsvpButtonCode.Encode(answer, 12), out var parsed, out var session));
            Assert.Equal((answer, 12), (parsed, session));
        }

        Assert.Equal("r:no:12", RsvpButtonCode.Encode(RsvpAnswer.No, 12));
        Assert.Equal(CommandParser.Parse("/rsvp 12 maybe").Command, RsvpButtonCode.Bind(RsvpAnswer.Maybe, 12).Command);
        Assert.Equal(new RsvpCommand(12, RsvpAnswer.Case, "Moving offices"), RsvpButtonCode.Bind(RsvpAnswer.Case, 12, "Moving offices").Command);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("r:going:0")]
    [InlineData("r:going:-1")]
    [InlineData("r:yes:1")]
    [InlineData("r:Going:1")]
    [InlineData("r:going:1 ")]
    [InlineData("r:going:1\n")]
    [InlineData("r:going:1234567890")]
    [InlineData("r:going:١")]
    [InlineData("s:n:1:1")]
    public void TryParse_RefusesAnythingElse(string? data) =>
        Assert.False(RsvpButtonCode.TryParse(data, out _, out _));

    [Fact]
    public void TheGroupWordAlone_RunsItsBareSubcommand()
    {
        Assert.IsType<ShowRemindersCommand>(CommandParser.Parse("/reminders").Command);
        Assert.IsType<ShowRemindersCommand>(CommandParser.Parse("/reminders@ConvenerBot").Command);
        Assert.Equal(new SetRemindersCommand("7d 1d 1h"), CommandParser.Parse("/reminders set 7d 1d 1h").Command);
        Assert.Equal(new PrivateRemindersCommand(false), CommandParser.Parse("/reminders private OFF").Command);
        Assert.StartsWith("Say what to do with sessions", Core.Text.MessageCatalog.Default.Render("en", CommandParser.Parse("/session").Error!), StringComparison.Ordinal);
    }
}
