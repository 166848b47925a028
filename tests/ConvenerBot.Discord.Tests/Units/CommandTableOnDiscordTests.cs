using System.Text.Json;
using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;

namespace ConvenerBot.Discord.Tests.Units;

/// <summary>Every row of the engine's command table is a registered slash command whose typed options build that command.</summary>
public sealed class CommandTableOnDiscordTests
{
    public static TheoryData<string> Paths() => [.. CommandTable.All.Select(d => d.Path)];

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryCommand_IsRegistered_WithAnOptionPerArgument(string path)
    {
        var descriptor = CommandTable.All.First(d => d.Path == path);

        var registered = Registered(descriptor);

        Assert.Equal(descriptor.Args.Select(a => a.Name), registered["options"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryCommand_IsBuiltFromItsTypedOptions(string path)
    {
        var descriptor = CommandTable.All.First(d => d.Path == path);
        var options = new JsonArray([.. descriptor.Args.Select(a => (JsonNode)new JsonObject
        {
            ["name"] = a.Name,
            ["type"] = a.Kind switch { ArgKind.Number => 4, ArgKind.Member => 6, ArgKind.Flag => 5, _ => 3 },
            ["value"] = a.Kind switch
            {
                ArgKind.Number => JsonValue.Create(3),
                ArgKind.Member => JsonValue.Create("80351110224678912"),
                ArgKind.Choice => JsonValue.Create(a.Choices[0]),
                ArgKind.Flag => JsonValue.Create(true),
                ArgKind.When => JsonValue.Create("2027-01-30 10:00"),
                _ => JsonValue.Create("some text"),
            },
        })]);
        var data = new JsonObject
        {
            ["name"] = descriptor.Top,
            ["options"] = descriptor.Sub is { } sub ? new JsonArray(new JsonObject { ["name"] = sub, ["type"] = 1, ["options"] = options }) : options,
        };
        using var interaction = JsonDocument.Parse(new JsonObject
        {
            ["id"] = "1",
            ["token"] = "t",
            ["type"] = 2,
            ["channel_id"] = "42",
            ["channel"] = new JsonObject { ["type"] = 0, ["name"] = "circle" },
            ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "7", ["username"] = "ana" }, ["permissions"] = "0" },
            ["data"] = data,
        }.ToJsonString());

        var context = InteractionTranslator.Context(interaction.RootElement, 2);
        var interpretation = InteractionTranslator.Interpret(interaction.RootElement, context);

        if (descriptor.CommandType == typeof(HelpCommand))
        {
            // In a server, /help is answered at once with the slash-command list.
            Assert.Contains("/session schedule when:…", interpretation.Immediate!["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
            return;
        }

        Assert.IsType(descriptor.CommandType, interpretation.Inbound?.Command);
    }

    private static JsonObject Registered(CommandDescriptor descriptor)
    {
        var top = DiscordCommands.All().OfType<JsonObject>().Single(c => c["name"]!.GetValue<string>() == descriptor.Top);
        return descriptor.Sub is { } sub
            ? top["options"]!.AsArray().OfType<JsonObject>().Single(o => o["name"]!.GetValue<string>() == sub && o["type"]!.GetValue<int>() == 1)
            : top;
    }
}
