using System.Text;
using System.Text.Json.Nodes;

namespace ConvenerBot.Discord;

/// <summary>The command list as Discord members type it (<c>/session schedule when:… case:…</c>), built from the registered commands.</summary>
internal static class DiscordHelp
{
    public static string Text { get; } = Build(DiscordCommands.All());

    private static string Build(JsonArray commands)
    {
        var text = new StringBuilder("Commands (type / and pick one; optional fields in brackets):");
        foreach (var command in commands.OfType<JsonObject>())
        {
            var name = command["name"]!.GetValue<string>();
            var options = command["options"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
            if (options.Count > 0 && options.All(o => o["type"]!.GetValue<int>() == 1))
            {
                foreach (var sub in options)
                {
                    Line(text, $"{name} {sub["name"]!.GetValue<string>()}", sub);
                }
            }
            else
            {
                Line(text, name, command);
            }
        }

        return text.Append("\nStage prompts carry buttons: Next, Back and End for the facilitator, and a form for your contribution.").ToString();
    }

    private static void Line(StringBuilder text, string name, JsonObject command)
    {
        var usage = new StringBuilder("/").Append(name);
        foreach (var option in command["options"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var field = option["name"]!.GetValue<string>() + ":…";
            usage.Append(' ').Append(option["required"]?.GetValue<bool>() == true ? field : $"[{field}]");
        }

        text.Append("\n`").Append(usage).Append("` ").Append(command["description"]!.GetValue<string>());
    }
}
