using System.Text.Json.Nodes;
using ConvenerBot.Discord.Tests.Support;

namespace ConvenerBot.Discord.Tests;

/// <summary>Slash commands become the engine's commands straight from their typed options; roles go to people by id.</summary>
public sealed class TypedCommandTests : BotTestBase
{
    [Fact]
    public async Task Role_FirstWriterIsNoOrganizer_ACopiedNameGetsNothing_ThePickedUserIsPromotedById()
    {
        var first = await Say(DiscordBot.Command("me"), Member.Ben);
        var benTries = await Bot.InteractAsync(2, DiscordBot.Command("role", ("role", "organizer"), ("member", Member.Ben)), Member.Ben);

        Assert.Contains("a member", first, StringComparison.Ordinal);
        Assert.Contains("organizer", Content(benTries), StringComparison.Ordinal);
        Assert.Equal(64, benTries["data"]!["flags"]!.GetValue<int>());

        Assert.Equal("Saved: Chloe is now a facilitator.", await Say(DiscordBot.Command("role", ("role", "facilitator"), ("member", Member.Chloe)), Member.Ana));
        Assert.Equal("Saved: Ben is now a facilitator.", await Say(DiscordBot.Command("role", ("role", "facilitator"), ("member", Member.Ben)), Member.Ana));
        Assert.StartsWith("Saved case 1", await Say(DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ana), StringComparison.Ordinal);

        var impostor = await Bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "2027-12-27 10:00"), ("case", 1)), Member.FakeBen);
        var chloe = await Say(DiscordBot.SubCommand("session", "schedule", ("when", "2027-12-27 10:00"), ("case", 1)), Member.Chloe);

        Assert.Contains("Only a facilitator", Content(impostor), StringComparison.Ordinal);
        Assert.Contains("a member", await Say(DiscordBot.Command("me"), Member.FakeBen), StringComparison.Ordinal);
        Assert.StartsWith("Saved: session 1", chloe, StringComparison.Ordinal);
        Assert.Contains("a facilitator", await Say(DiscordBot.Command("me"), Member.Ben), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManageServer_WithoutAdministrator_IsAnOrganizer_NeitherIsNot()
    {
        var danRole = await Say(DiscordBot.Command("role", ("role", "facilitator"), ("member", Member.Ben)), Member.Dan);
        var danZone = await Say(DiscordBot.Command("timezone", ("zone", "Europe/Oslo")), Member.Dan);
        var chloeRole = await Bot.InteractAsync(2, DiscordBot.Command("role", ("role", "facilitator"), ("member", Member.Chloe)), Member.Chloe);
        var chloeZone = await Bot.InteractAsync(2, DiscordBot.Command("timezone", ("zone", "Asia/Tokyo")), Member.Chloe);

        Assert.Equal("Saved: Ben is now a facilitator.", danRole);
        Assert.Contains("Europe/Oslo", danZone, StringComparison.Ordinal);
        Assert.StartsWith("Only an organizer", Content(chloeRole), StringComparison.Ordinal);
        Assert.StartsWith("Only an organizer", Content(chloeZone), StringComparison.Ordinal);
        Assert.All(new[] { chloeRole, chloeZone }, r => Assert.Equal(64, r["data"]!["flags"]!.GetValue<int>()));
        Assert.Contains("a member", await Say(DiscordBot.Command("me"), Member.Chloe), StringComparison.Ordinal);
        Assert.Contains("Europe/Oslo", await Say(DiscordBot.Command("timezone"), Member.Chloe), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedTitles_KeepTheirBar_InTheOptionAndInTheForm()
    {
        var typed = await Say(DiscordBot.SubCommand("case", "open", ("title", "Budget | cuts"), ("description", "Less | more")), Member.Ana);
        var form = await Say(Form("Budget | form", "a | b"), Member.Ana, type: 5);

        Assert.StartsWith("Saved case 1: Budget | cuts.", typed.Replace("\\", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith("Saved case 2: Budget | form.", form.Replace("\\", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var shown = (await Say(DiscordBot.SubCommand("case", "show", ("id", 1)), Member.Ana)).Replace("\\", "", StringComparison.Ordinal);
        Assert.Contains("Budget | cuts", shown, StringComparison.Ordinal);
        Assert.Contains("Less | more", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyOrLongTitles_AndBadDates_GetClearReplies_AndSaveNothing()
    {
        var blank = await Bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", "   ")), Member.Ana);
        var tooLong = await Bot.InteractAsync(2, DiscordBot.SubCommand("case", "open", ("title", new string('x', 201))), Member.Ana);
        var blankForm = await Bot.InteractAsync(5, Form(" ", "text"), Member.Ana);
        var badDate = await Bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "next blursday")), Member.Ana);

        Assert.StartsWith("The case needs a title", Content(blank), StringComparison.Ordinal);
        Assert.StartsWith("The title is 201 characters long; keep it to 200", Content(tooLong), StringComparison.Ordinal);
        Assert.StartsWith("The case needs a title", Content(blankForm), StringComparison.Ordinal);
        Assert.Contains("next blursday", Content(badDate), StringComparison.Ordinal);
        Assert.All(new[] { blank, tooLong, blankForm, badDate }, r => Assert.Equal(64, r["data"]!["flags"]!.GetValue<int>()));
        Assert.StartsWith("No cases yet", await Say(DiscordBot.SubCommand("case", "list"), Member.Ana), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWhenOption_IsReadAsPeopleTypeIt_AndABadOneIsNamed()
    {
        var unix = new DateTimeOffset(2027, 12, 27, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        var phrase = await Say(DiscordBot.SubCommand("session", "schedule", ("when", "Monday 27 December 2027 at 10am")), Member.Ana);
        var noDay = await Bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", "31 February 10:00")), Member.Ana);
        var tooLong = await Bot.InteractAsync(2, DiscordBot.SubCommand("session", "schedule", ("when", new string('9', 65))), Member.Ana);

        Assert.StartsWith($"Saved: session 1 on <t:{unix}:F>", phrase, StringComparison.Ordinal);
        Assert.StartsWith("There is no 31 February in the calendar", Content(noDay), StringComparison.Ordinal);
        Assert.StartsWith("A time of 65 characters is more than I read (at most 64)", Content(tooLong), StringComparison.Ordinal);
        Assert.Contains($"1\\. <t:{unix}:F>", await Say(DiscordBot.SubCommand("session", "list"), Member.Chloe), StringComparison.Ordinal);
    }

    private static JsonObject Form(string title, string description) => new()
    {
        ["custom_id"] = "case-open",
        ["components"] = new JsonArray(
            new JsonObject { ["type"] = 1, ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = "title", ["value"] = title }) },
            new JsonObject { ["type"] = 1, ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = "description", ["value"] = description }) }),
    };

    private async Task<string> Say(JsonObject data, Member from, int type = 2) => Content(await Bot.InteractAsync(type, data, from));

    private static string Content(JsonObject response) => response["data"]!["content"]!.GetValue<string>();
}
