using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ConvenerBot.Discord.Tests.Support;

namespace ConvenerBot.Discord.Tests;

/// <summary>Signed interactions of the wrong shape get 400 and one log line: no 500, no stack trace, nothing changed.</summary>
public sealed class MalformedInteractionTests : BotTestBase
{
    public static TheoryData<string> Malformed() => new()
    {
        "lone surrogate",
        "number for a string",
        "missing user id",
        "missing command name",
        "string for a number",
        "options not an array",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task SignedButMalformed_Is400_WithOneLogLine(string what)
    {
        var interaction = DiscordBot.RawInteraction(2, DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ana);
        var title = interaction["data"]!["options"]![0]!["options"]![0]!.AsObject();
        var body = what switch
        {
            "lone surrogate" => interaction.ToJsonString().Replace("Funding gap", "Funding \\ud800 gap", StringComparison.Ordinal),
            "number for a string" => Changed(interaction, () => title["value"] = 42),
            "missing user id" => Changed(interaction, () => interaction["member"]!["user"]!.AsObject().Remove("id")),
            "missing command name" => Changed(interaction, () => interaction["data"]!.AsObject().Remove("name")),
            "string for a number" => Changed(interaction, () => interaction["data"] = DiscordBot.SubCommand("case", "show", ("id", "three"))),
            _ => Changed(interaction, () => interaction["data"]!["options"] = "open"),
        };

        using var response = await Bot.PostAsync(body);

        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task InvalidUtf8_Is400_WithOneLogLine()
    {
        var interaction = DiscordBot.RawInteraction(2, DiscordBot.SubCommand("case", "open", ("title", "Funding gap")), Member.Ana).ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(interaction).ToList();
        bytes.InsertRange(interaction.IndexOf("Funding", StringComparison.Ordinal), [0xC3, 0x28, 0xFF]);

        using var response = await Bot.PostBytesAsync([.. bytes]);

        await AssertRefusedAsync(response);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("{\"message\":\"Malformed interaction", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = Assert.Single(Bot.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Equal(5004, entry.Id.Id);
        Assert.Null(entry.Exception);
        Assert.DoesNotContain('\n', entry.Message);
        var list = await Bot.InteractAsync(2, DiscordBot.SubCommand("case", "list"), Member.Ana);
        Assert.StartsWith("No cases yet", list["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string Changed(JsonObject interaction, Action change)
    {
        change();
        return interaction.ToJsonString();
    }
}
