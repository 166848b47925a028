using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Discord;

/// <summary>The slash commands, with subcommands and typed options, registered with one bulk overwrite.</summary>
internal static class DiscordCommands
{
    private const int SubCommand = 1;
    private const int Text = 3;
    private const int Integer = 4;
    private const int User = 6;

    public static JsonArray All() =>
    [
        Command("case", "Cases: real challenges brought by members",
            Sub("open", "Bring a case; you become its holder (leave empty for a form)", Option("title", "A short title", Text, maxLength: CommandParser.MaxTitleLength), Option("description", "What is happening and what you would like from the group", Text, maxLength: UserText.MaxLength)),
            Sub("list", "The group's cases", Option("page", "Which page", Integer, autocomplete: false)),
            Sub("show", "One case in full", Option("id", "Case number", Integer, true)),
            Sub("withdraw", "Withdraw your case", Option("id", "Case number", Integer, true))),
        Command("session", "Sessions of the group",
            Sub("schedule", "Schedule a session (facilitator)", Option("when", "YYYY-MM-DD HH:MM in the group's time zone", Text, true, maxLength: 40), Option("case", "Case number", Integer), Option("protocol", "Protocol key", Text, maxLength: 64)),
            Sub("list", "Upcoming sessions"),
            Sub("cancel", "Cancel a scheduled session (facilitator)", Option("id", "Session number", Integer, true)),
            Sub("start", "Start a session (facilitator)", Option("id", "Session number", Integer), Option("case", "Case number", Integer)),
            Sub("end", "Close the session and store its outcome (facilitator)")),
        Command("next", "Move the session to the next stage (facilitator)"),
        Command("back", "Move the session back a stage (facilitator)"),
        Command("ask", "Ask a question in a questioning stage", Option("text", "Your question", Text, true, maxLength: UserText.MaxLength)),
        Command("idea", "Offer a possible next step", Option("text", "Your idea", Text, true, maxLength: UserText.MaxLength)),
        Command("step", "The holder's chosen next step", Option("text", "The step you choose", Text, true, maxLength: UserText.MaxLength)),
        Command("learn", "What you take away from the session", Option("text", "Your learning", Text, true, maxLength: UserText.MaxLength)),
        Command("here", "Be counted as present in the running session"),
        Command("summary", "A session's summary", Option("id", "Session number (the latest when left out)", Integer)),
        Command("role", "Give a member a role (organizer)",
            Option("role", "The role", Text, true, choices: ["facilitator", "member", "organizer"]),
            Option("member", "The member", User, true)),
        Command("timezone", "Show or set the group's time zone", Option("zone", "An IANA time zone such as Europe/Oslo", Text, maxLength: 64)),
        Command("protocols", "The protocols sessions can follow"),
        Command("me", "Who you are here and your role"),
        Command("help", "All commands"),
    ];

    /// <summary>A command; only /help and /me are offered in direct messages with the bot (context 1), the rest in servers (context 0).</summary>
    private static JsonObject Command(string name, string description, params JsonObject[] options) => new()
    {
        ["name"] = name,
        ["description"] = description,
        ["type"] = 1,
        ["options"] = new JsonArray(options),
        ["contexts"] = name is "help" or "me" ? new JsonArray(0, 1) : new JsonArray(0),
    };

    private static JsonObject Sub(string name, string description, params JsonObject[] options) =>
        new() { ["name"] = name, ["description"] = description, ["type"] = SubCommand, ["options"] = new JsonArray(options) };

    private static JsonObject Option(string name, string description, int type, bool required = false, int? maxLength = null, string[]? choices = null, bool autocomplete = true)
    {
        var option = new JsonObject { ["name"] = name, ["description"] = description, ["type"] = type, ["required"] = required };
        if (type == Integer && autocomplete)
        {
            // Case and session numbers are offered while the member types.
            option["autocomplete"] = true;
        }

        if (maxLength is { } max)
        {
            option["max_length"] = max;
        }

        if (type == Integer)
        {
            option["min_value"] = 1;
            option["max_value"] = int.MaxValue;
        }

        if (choices is not null)
        {
            option["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["value"] = c })]);
        }

        return option;
    }
}
