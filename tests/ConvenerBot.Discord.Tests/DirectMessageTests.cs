using ConvenerBot.Discord.Tests.Support;

namespace ConvenerBot.Discord.Tests;

/// <summary>A direct message with the bot is the member's own space, not a group.</summary>
public sealed class DirectMessageTests
{
    [Fact]
    public async Task DirectMe_ListsTheMembersGroups_AndGroupCommandsSayWhereToUseThem()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);
        await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ben);

        var me = await bot.InteractAsync(2, DiscordBot.Command("me"), Member.Ben, direct: true);
        var groupCommand = await bot.InteractAsync(2, DiscordBot.SubCommand("case", "list"), Member.Ben, direct: true);
        var stranger = await bot.InteractAsync(2, DiscordBot.Command("me"), Member.Chloe, direct: true);
        var noForm = await bot.InteractAsync(2, DiscordBot.SubCommand("case", "open"), Member.Ben, direct: true);

        var overview = me["data"]!["content"]!.GetValue<string>();
        Assert.Contains("Your groups:", overview, StringComparison.Ordinal);
        Assert.Contains("peer-circle: a member", overview, StringComparison.Ordinal);
        Assert.Contains("case 1: Funding gap", overview, StringComparison.Ordinal);
        Assert.StartsWith("That is a group command: use it in your group's chat", groupCommand["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("I have not met you in any group yet", stranger["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("That is a group command", noForm["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(new[] { me, groupCommand, stranger, noForm }, r => Assert.Equal(64, r["data"]!["flags"]!.GetValue<int>()));
    }

    [Fact]
    public async Task DirectHelp_IsAnsweredPrivately_WithWhatThisChatIsFor()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var bot = await DiscordBot.StartAsync(rest);

        var help = await bot.InteractAsync(2, DiscordBot.Command("help"), Member.Ben, direct: true);

        Assert.Equal((4, 64), (help["type"]!.GetValue<int>(), help["data"]!["flags"]!.GetValue<int>()));
        var text = help["data"]!["content"]!.GetValue<string>();
        Assert.StartsWith("Hello Ben. This is our private chat, not a group.", text, StringComparison.Ordinal);
        Assert.Contains("add me there and type /help", text, StringComparison.Ordinal);
        Assert.Contains("/me shows your groups", text, StringComparison.Ordinal);
        Assert.DoesNotContain(rest.Calls, c => c.Method != "PUT");
    }
}
